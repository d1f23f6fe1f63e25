import portalEn from "./locales/en.json";
import portalFr from "./locales/fr.json";
import manageEn from "./locales/manage.en.json";
import manageFr from "./locales/manage.fr.json";
import invitationsEn from "./locales/invitations.en.json";
import invitationsFr from "./locales/invitations.fr.json";
import consoleEn from "./locales/console.en.json";
import consoleFr from "./locales/console.fr.json";

// One file per area (the end-user portal, delegated administration, the
// invitations, the tenant console), each under its own top-level key, so
// the areas grow without touching each other's strings.
export const en = { ...portalEn, ...manageEn, ...invitationsEn, ...consoleEn };
export const fr = { ...portalFr, ...manageFr, ...invitationsFr, ...consoleFr };
