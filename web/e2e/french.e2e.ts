import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { ALICE, prepare, token } from "./api";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

// A browser whose language is French gets the portal in French on every
// end-user page, and no string of the English bundle leaks into it; the
// header's switch goes to English and back, and the choice outlives a
// reload. A key missing from both bundles would be a console error (see
// src/i18n), which the fixtures fail the test on.

test.use({ locale: "fr-FR" });

type Bundle = { [key: string]: string | Bundle };

function leaves(bundle: Bundle, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(bundle)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else leaves(v, `${prefix}${k}.`, out);
  }
  return out;
}

const bundle = (lang: string) => leaves(JSON.parse(readFileSync(new URL(`../src/i18n/locales/${lang}.json`, import.meta.url), "utf8")) as Bundle);
const en = bundle("en");
const fr = bundle("fr");

/** A fragment as a regular expression that matches it as whole words. */
function words(fragment: string): RegExp {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${/^\w/.test(fragment) ? "\\b" : ""}${escaped}${/\w$/.test(fragment) ? "\\b" : ""}`);
}

/**
 * The English bundle's text that the French one does not share: each
 * value's words around its {{placeholders}}, four letters or more, and
 * found nowhere in the French bundle (so "Active" or "Applications", the
 * same in both, never count).
 */
const FRENCH = [...fr.values()].join("\n");
const ENGLISH_ONLY = [
  ...new Set(
    [...en]
      .filter(([key, value]) => fr.get(key) !== value)
      .flatMap(([, value]) => value.split(/\{\{[^}]+\}\}/))
      .map((f) => f.trim().replace(/^[\s:;,.()“”—-]+|[\s:;,(“”—-]+$/g, ""))
      .filter((f) => f.length >= 4 && /[A-Za-z]{2}/.test(f) && !words(f).test(FRENCH)),
  ),
];

/**
 * The page is French: its lang, and no English-only string in its text or
 * its accessible names. One known exception: PatternFly's Modal names its ×
 * button "Close" and takes no other name (reported; the footer's Fermer is
 * ours).
 */
async function expectFrench(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  expect(await englishOn(page), `English strings on ${page.url()}`).toEqual([]);
  await expectAccessible(page);
}

/** The English-only strings a page shows or names its elements with. */
async function englishOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll("[aria-label], [title], [placeholder]")]
        .filter((e) => !e.closest(".pf-v6-c-modal-box__close"))
        .flatMap((e) => ["aria-label", "title", "placeholder"].map((a) => e.getAttribute(a) ?? "")),
    ].join("\n"),
  );
  return ENGLISH_ONLY.filter((f) => words(f).test(text));
}

test("a French browser gets every end-user page in French, and the header switches to English and back", async ({ page, request }) => {
  test.setTimeout(90_000);
  // The check has something to look for.
  expect(ENGLISH_ONLY).toContain("Successfully edited your general information.");
  expect(ENGLISH_ONLY).toContain("Delegate persona");
  // Something waits in Alice's Requests Approval, and its link has a preview.
  const link = await prepare(request, { to: ALICE, scope: "company:globex" });

  // My Account > General.
  await page.goto("/account/general");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/general$/);
  await expect(page.getByRole("heading", { name: "Mon compte", level: 1 })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Général" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Prénom")).toHaveValue("Alice");
  await expect(page.getByRole("button", { name: "Enregistrer" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mon travail" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expect(page.getByTestId("active-persona")).toContainText("Persona active");
  await expectFrench(page);
  await shot(page, "fr-01-general");

  // My Account > Personas: the tiles, the star and the eye, the loans, the Delegate persona dialog.
  await page.getByRole("tab", { name: "Personas" }).click();
  await expect(page).toHaveURL(/\/account\/personas$/);
  const staff = page.getByRole("list", { name: "Vos personas" }).getByRole("article", { name: "Staff" });
  await expect(staff.getByRole("button", { name: /^(Définir Staff comme préférée|Staff est votre persona préférée)$/ })).toBeAttached();
  await expect(staff).toContainText("Périmètre");
  await expect(staff).toContainText("Acceptée");
  await expect(page.getByRole("heading", { name: "Mes prêts" })).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-02-personas");
  await staff.getByRole("button", { name: "Déléguer Staff" }).click();
  const lend = page.getByRole("dialog", { name: "Déléguer la persona : Staff" });
  await expect(lend.getByRole("textbox", { name: /À qui \?/ })).toBeVisible();
  await expect(lend.getByRole("group", { name: "Pour combien de temps ?" })).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-03-delegate");
  await lend.getByRole("button", { name: "Annuler" }).click();
  await expect(lend).toHaveCount(0);

  // The assignment details.
  await staff.getByRole("button", { name: "Voir les détails de l’attribution de Staff" }).click();
  await expect(page.getByRole("region", { name: "Détails de l’attribution" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retour aux personas" })).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-04-details");

  // Applications.
  await page.getByRole("link", { name: "Applications" }).click();
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  await expect(page.getByRole("article", { name: "Intranet" })).toContainText("Grâce à");
  await expect(page.getByRole("link", { name: /^Ouvrir Intranet/ })).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-05-applications");

  // My Work: each tab, and a request's View.
  await page.getByRole("link", { name: "Mon travail" }).click();
  await expect(page.getByRole("heading", { name: "Mon travail", level: 1 })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Demandes à approuver" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("columnheader", { name: "Titre" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Rechercher par titre" }).or(page.getByRole("textbox", { name: "Rechercher par titre" }))).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-06-approval");
  await page.getByRole("button", { name: /^Voir / }).first().click();
  const view = page.getByRole("dialog", { name: "Détails de la demande" });
  await expect(view).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-07-view");
  await view.getByRole("contentinfo").getByRole("button", { name: "Fermer" }).click();
  await expect(view).toHaveCount(0);
  for (const tab of ["Suivi des demandes", "Historique des demandes"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel").getByRole("grid").or(page.getByRole("tabpanel").getByRole("heading", { level: 2 })).first()).toBeVisible();
    await expectFrench(page);
  }
  await expect(page.getByRole("combobox", { name: "Statut" })).toBeVisible();
  await shot(page, "fr-08-history");

  // The magic link's preview.
  await page.goto(link.path);
  await expect(page.getByRole("heading", { name: "Attribution d’une persona", level: 1 })).toBeVisible();
  await expect(page.getByText(/^Bob Green a préparé la persona Customer pour .+\.$/)).toBeVisible();
  await expect(page.getByText("Lien valable jusqu’au")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refuser" })).toBeVisible();
  await expectFrench(page);
  await shot(page, "fr-09-magic");

  // The header's switch: English, kept across a reload, then French again, kept too.
  await page.getByRole("combobox", { name: "Langue" }).selectOption("en");
  await expect(page.getByRole("heading", { name: "Persona assignment", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Accept" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Persona assignment", level: 1 })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  // The check sees English where there is some.
  expect(await englishOn(page)).toEqual(expect.arrayContaining(["Sign out", "Opening this link changed nothing. Check the request, then accept or reject it."]));
  await expectAccessible(page);
  await shot(page, "fr-10-english");
  await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await expect(page.getByRole("heading", { name: "Attribution d’une persona", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Attribution d’une persona", level: 1 })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Langue" })).toHaveValue("fr");
  await expectFrench(page);
});

test("a link that no longer works says why in French, with nothing of the API's English message", async ({ page, request, expectProblem }) => {
  // Alice answers through the link (a rejection: nothing waits for Bob afterwards), then opens it again.
  const link = await prepare(request, { to: ALICE, scope: "company:globex" });
  const rejected = await request.post(`/magic-links/${link.token}/reject`, {
    headers: { Authorization: `Bearer ${await token(request, ALICE)}` },
    data: {},
  });
  expect(rejected.ok()).toBe(true);
  expectProblem(/status of 410/);
  await page.goto(link.path);
  await signInAs(page, ALICE);
  await expect(page.getByRole("heading", { name: "Vous avez déjà répondu à cette invitation", level: 2 })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(/^Ce lien a servi à accepter ou à refuser la demande/);
  await expect(page.getByRole("link", { name: "Ouvrir l’historique des demandes" })).toHaveAttribute("href", "/my-work?tab=history");
  await expect(page.getByText(/already used/i)).toHaveCount(0);
  await expectFrench(page);
  await shot(page, "fr-11-magic-used");
});
