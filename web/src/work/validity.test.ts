import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../i18n/locales/en.json";
import fr from "../i18n/locales/fr.json";
import { formatDate } from "../personas/personas";
import { formatValidity } from "./validity";

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: "en", interpolation: { escapeValue: false } });
const FROM = "2026-01-01T09:00:00Z";
const UNTIL = "2026-06-30T17:00:00Z";

describe("formatValidity", () => {
  const en = i18n.getFixedT("en");
  const fr = i18n.getFixedT("fr");
  const d = (iso: string, lang: string) => formatDate(iso, lang, true);

  it("no start and no end: from approval, no end date (not 'None to no end date')", () => {
    expect(formatValidity(en, "en", null, null)).toBe("From the moment it is approved, no end date");
    expect(formatValidity(fr, "fr", undefined, undefined)).toBe("Dès son approbation, sans date de fin");
  });

  it("an end only: from approval to the end", () => {
    expect(formatValidity(en, "en", null, UNTIL)).toBe(`From the moment it is approved to ${d(UNTIL, "en")}`);
    expect(formatValidity(fr, "fr", null, UNTIL)).toBe(`Dès son approbation et jusqu’au ${d(UNTIL, "fr")}`);
  });

  it("a start only: from the start, no end date", () => {
    expect(formatValidity(en, "en", FROM, null)).toBe(`From ${d(FROM, "en")}, no end date`);
    expect(formatValidity(fr, "fr", FROM, null)).toBe(`À partir du ${d(FROM, "fr")}, sans date de fin`);
  });

  it("both: a range", () => {
    expect(formatValidity(en, "en", FROM, UNTIL)).toBe(`${d(FROM, "en")} to ${d(UNTIL, "en")}`);
    expect(formatValidity(fr, "fr", FROM, UNTIL)).toBe(`Du ${d(FROM, "fr")} au ${d(UNTIL, "fr")}`);
  });
});
