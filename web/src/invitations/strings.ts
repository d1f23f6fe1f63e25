import en from "../i18n/locales/invitations.en.json";
import fr from "../i18n/locales/invitations.fr.json";
import { useAreaStrings } from "../i18n/area";

const strings = { en, fr };

/** The invitations pages' strings, in their chunk rather than the first screen's: first in each page. */
export const useInvitationsStrings = () => useAreaStrings(strings);
