import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en, fr } from "./bundles";

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "persona-portal.language";

/** The language the header's switch picked, else the browser's first one we have, else English. */
export function detectLanguage(
  preferred: readonly string[] = navigator.languages ?? [navigator.language],
  stored: string | null = safeStorage()?.getItem(STORAGE_KEY) ?? null,
): Language {
  const candidates = stored ? [stored, ...preferred] : preferred;
  for (const tag of candidates) {
    const base = tag.toLowerCase().split("-")[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return "en";
}

export function rememberLanguage(lang: Language) {
  safeStorage()?.setItem(STORAGE_KEY, lang);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  void instance.init({
    lng,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    // A copy per instance: an admin area's strings are merged into it when
    // its page renders (./area.ts), never into the imported bundles.
    resources: { en: { translation: structuredClone(en) }, fr: { translation: structuredClone(fr) } },
    interpolation: { escapeValue: false },
    initAsync: false,
    // A key that neither bundle has is a bug: the page would show the key.
    // Say so on the console, where the browser tests fail on any error. A
    // key given a default (personaTypes.<type>) may be missing by design.
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key, _fallback, _update, options: { defaultValue?: unknown } | undefined) => {
      if (options?.defaultValue === undefined) console.error(`i18n: no string for "${key}"`);
    },
  });
  const setHtmlLang = (l: string) => document.documentElement.setAttribute("lang", l);
  setHtmlLang(lng);
  instance.on("languageChanged", setHtmlLang);
  return instance;
}
