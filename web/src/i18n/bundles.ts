import portalEn from "./locales/en.json";
import portalFr from "./locales/fr.json";
import eagerEn from "./locales/eager.en.json";
import eagerFr from "./locales/eager.fr.json";

// One file per area, each under its own top-level key. The first screen
// carries only the end-user portal (en.json) and the admin keys shown outside
// the admin pages (eager.*.json: the sidebar's links, My Work's bulk decisions
// and activation). An admin area's own file (manage.*, invitations.*,
// console.*) comes with its pages' chunk: see ./area.ts.
export const en = { ...portalEn, ...eagerEn };
export const fr = { ...portalFr, ...eagerFr };
