import en from "../i18n/locales/manage.en.json";
import fr from "../i18n/locales/manage.fr.json";
import { useAreaStrings } from "../i18n/area";

const strings = { en, fr };

/** The manage pages' strings, in their chunk rather than the first screen's: first in each page. */
export const useManageStrings = () => useAreaStrings(strings);
