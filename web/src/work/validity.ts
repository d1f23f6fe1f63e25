import type { TFunction } from "i18next";
import { formatDate } from "../personas/personas";

/**
 * A requested persona's validity, in one wording for the request details
 * (View, Accept) and the magic link's preview: no start date means it starts
 * when the request is approved, no end date says so.
 */
export function formatValidity(t: TFunction, lang: string, from: string | null | undefined, until: string | null | undefined): string {
  const date = (iso: string) => formatDate(iso, lang, true);
  if (from) return until ? t("work.validity.range", { from: date(from), until: date(until) }) : t("work.validity.fromNoEnd", { from: date(from) });
  return until ? t("work.validity.approvalUntil", { until: date(until) }) : t("work.validity.approvalNoEnd");
}
