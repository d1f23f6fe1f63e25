import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, signInAs, test, watch } from "./fixtures";
import { bearer, token } from "./api";

// `make screenshots`, the delegated admin's screens: Users, a user's
// Personas tab and its edit form, Prepare a persona (three steps), and My
// Work's activation with its re-check and the bulk decision, Invitations, light and dark,
// desktop and mobile, into docs/screenshots/manage-*.png. Tagged
// @screenshots: only the screenshots project (PP_SCREENSHOTS=1) runs it.
//
// Each round gets two users of its own (created by a tenant admin) and
// revokes what it gave them at the end, so every round starts from the same
// picture and the end-user screenshots (Alice, Carol) are left as they are.

const OUT = resolve(process.env.PP_SCREENSHOTS_DIR ?? "../docs/screenshots");
const BOB = "bob@acme.test";
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 400, height: 800 } } as const;
const SCHEMES = ["light", "dark"] as const;


interface Round {
  dana: { id: string; email: string };
  erin: { id: string; email: string };
}

/** Two fresh users, each with an activation waiting for Bob, and one more for Dana that will fail its re-check. */
async function prepareRound(request: APIRequestContext, n: number): Promise<Round> {
  const admin = await token(request, "admin@demo.test", true);
  const bob = await token(request, BOB);
  const make = async (email: string, given: string, family: string) => {
    const res = await request.post("/admin/users", { headers: bearer(admin), data: { email, given_name: given, family_name: family } });
    expect(res.status()).toBe(201);
    return { id: ((await res.json()) as { id: string }).id, email };
  };
  const round = { dana: await make(`dana${n}@globex.test`, "Dana", "Black"), erin: await make(`erin${n}@acme.test`, "Erin", "Gray") };
  for (const [email, scope] of [
    [round.dana.email, "company:globex"],
    [round.erin.email, "company:acme"],
    [round.dana.email, "company:globex"],
  ] as const) {
    const res = await request.post("/persona-invitations", { headers: bearer(bob), data: { type: "customer", scope: [scope], user_email: email, send_email: false } });
    expect(res.status()).toBe(201);
    const link = new URL(((await res.json()) as { magic_link: string }).magic_link);
    const accepted = await request.post(`${link.pathname.replace("/magic/", "/magic-links/")}/accept`, { headers: bearer(await token(request, email)) });
    expect(accepted.ok()).toBe(true);
  }
  return round;
}

/** Bob revokes what the round gave: the round's users leave his Users. */
async function endRound(request: APIRequestContext, round: Round) {
  const bob = await token(request, BOB);
  for (const u of [round.dana, round.erin]) {
    const res = await request.get(`/users/${u.id}/personas`, { headers: bearer(bob) });
    expect(res.ok()).toBe(true);
    for (const p of ((await res.json()) as { items: { id: string; status: { value: string } }[] }).items) {
      if (p.status.value === "accepted") expect((await request.delete(`/users/${u.id}/personas/${p.id}`, { headers: bearer(bob) })).ok()).toBe(true);
    }
  }
}

async function snap(page: Page, name: string, scheme: string, size: string) {
  await page.screenshot({ path: `${OUT}/${name}-${scheme}-${size}.png`, animations: "disabled", caret: "hide" });
}

test("the delegated admin's screens, light and dark, desktop and mobile @screenshots", async ({ browser, request, problems }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  let n = 0;
  for (const scheme of SCHEMES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const round = await prepareRound(request, ++n);
      await shoot(browser, problems, scheme, size, viewport, round);
      await endRound(request, round);
    }
  }
});

async function shoot(browser: Browser, problems: string[], scheme: string, size: string, viewport: { width: number; height: number }, round: Round) {
  const context = await browser.newContext({ colorScheme: scheme as "light" | "dark", viewport, locale: "en-US" });
  try {
    const page = await context.newPage();
    watch(page, problems);
    // Bob signs in just now: his admin persona demands a recent sign-in.
    await page.goto("/my-work");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByRole("radio", { name: "just now" }).check();
    await signInAs(page, BOB);
    await expect(page).toHaveURL(/\/my-work$/);

    // My Work: the activation, confirmed, then its re-check's result.
    const first = "Activate a persona: Customer (company:globex) for Dana Black";
    const erin = "Activate a persona: Customer (company:acme) for Erin Gray";
    await page.getByRole("button", { name: `Accept ${first}` }).first().click();
    const dialog = page.getByRole("dialog", { name: "Accept this request?" });
    await expect(dialog.getByText("Accepting activates this persona for Dana Black.", { exact: false })).toBeVisible();
    await snap(page, "manage-activate", scheme, size);
    await dialog.getByRole("button", { name: "Accept" }).click();
    await expect(dialog.getByText("Dana Black now holds Customer (company:globex)", { exact: false })).toBeVisible();
    await snap(page, "manage-activate-result", scheme, size);
    await dialog.getByRole("button", { name: "Close" }).last().click();

    // Accept selected: Erin's passes, Dana's second one fails its re-check.
    await page.getByRole("checkbox", { name: `Select ${first}` }).check();
    await page.getByRole("checkbox", { name: `Select ${erin}` }).check();
    await snap(page, "manage-bulk-selected", scheme, size);
    await page.getByRole("button", { name: "Accept selected (2)" }).click();
    const bulk = page.getByRole("dialog", { name: "Accept the selected requests?" });
    await bulk.getByRole("button", { name: "Accept" }).click();
    await expect(bulk.getByText("Done: accepted 1, failed 1")).toBeVisible();
    await snap(page, "manage-bulk-results", scheme, size);
    await bulk.getByRole("button", { name: "Close" }).last().click();

    // Users, then Dana's Personas tab and its edit form.
    await page.goto("/manage/users");
    const users = page.getByRole("grid", { name: "Users in your scope" });
    await expect(users.getByRole("link", { name: "Dana Black" })).toBeVisible();
    await expect(users.getByRole("link", { name: "Erin Gray" })).toBeVisible();
    await snap(page, "manage-users", scheme, size);
    await page.goto(`/manage/users/${round.dana.id}?tab=personas`);
    const personas = page.getByRole("grid", { name: "Personas of Dana Black that you manage" });
    await expect(personas.getByRole("row").filter({ hasText: "company:globex" })).toBeVisible();
    await snap(page, "manage-user-personas", scheme, size);
    await personas.getByRole("button", { name: "Edit Customer (company:globex)" }).click();
    const edit = page.getByRole("dialog", { name: "Edit the persona Customer" });
    await edit.getByRole("checkbox", { name: "company:acme" }).check();
    await snap(page, "manage-persona-edit", scheme, size);
    await edit.getByRole("button", { name: "Cancel" }).click();

    // Prepare a persona: the three steps.
    await page.goto("/manage/users");
    await page.getByRole("button", { name: "Prepare a persona" }).click();
    const wizard = page.getByRole("dialog", { name: "Prepare a persona" });
    await wizard.getByRole("radio", { name: /^Customer/ }).check();
    await snap(page, "manage-prepare-persona", scheme, size);
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("textbox", { name: "User's e-mail" }).fill(round.erin.email);
    await wizard.getByRole("checkbox", { name: "company:globex" }).check();
    await wizard.getByRole("textbox", { name: "User's e-mail" }).focus();
    await snap(page, "manage-prepare-details", scheme, size);
    await wizard.getByRole("button", { name: "Save" }).click();
    await expect(wizard.getByRole("textbox", { name: "Magic link" })).toBeVisible();
    await snap(page, "manage-prepare-link", scheme, size);
    await wizard.getByRole("button", { name: "Close" }).last().click();

    // Invitations: what Bob prepared, with their states (the round's invitations among them).
    await page.goto("/manage/invitations");
    await expect(page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
    await expect(page.getByRole("grid", { name: "Invitations you prepared" }).getByRole("row").nth(1)).toBeVisible();
    await snap(page, "manage-invitations", scheme, size);
  } finally {
    await context.close();
  }
}
