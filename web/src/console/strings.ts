import en from "../i18n/locales/console.en.json";
import fr from "../i18n/locales/console.fr.json";
import { useAreaStrings } from "../i18n/area";

const strings = { en, fr };

/** The console pages' strings, in their chunk rather than the first screen's: first in each page. */
export const useConsoleStrings = () => useAreaStrings(strings);
