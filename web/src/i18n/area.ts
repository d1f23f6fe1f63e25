import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import type { Language } from ".";

/** An admin area's strings in every language, under the area's top-level key. */
export type AreaStrings = Record<Language, object>;

/** The areas each instance's store holds (the store, not the instance: useTranslation hands out a proxy per component). */
const added = new WeakMap<I18n["store"], WeakSet<AreaStrings>>();

/**
 * Adds an area's strings to the app's i18n instance: call it first in each
 * of the area's pages, before any of its t(). The strings ship in the page's
 * chunk, so the first screen carries none of them; both languages come along,
 * so switching language needs no second download. Deep, never overwriting:
 * the area's key already holds its eager strings (eager.*.json).
 */
export function useAreaStrings(strings: AreaStrings) {
  const { i18n } = useTranslation();
  const done = added.get(i18n.store) ?? new WeakSet<AreaStrings>();
  if (done.has(strings)) return;
  for (const [lng, bundle] of Object.entries(strings)) i18n.addResourceBundle(lng, "translation", bundle, true, false);
  done.add(strings);
  added.set(i18n.store, done);
}
