import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";
import { bearer, token } from "./api";

// The delegated administrator's screens against the real local server: Bob
// (customer-admin over company:acme and company:globex; his admin persona
// demands a recent sign-in) prepares a persona for Carol, she accepts it,
// he activates it and finds her in his Users; then bulk decisions.

const BOB = "bob@acme.test";
const CAROL = "carol@globex.test";

/** Title regexp of a My Work row. */
const exact = (s: string) => new RegExp(s.replace(/[()]/g, "\\$&"));

/** Bob signs in just now at the development provider (his admin persona demands it), back on `path`. */
async function bobSignsIn(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("radio", { name: "just now" }).check();
  await signInAs(page, BOB);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}


/** A user of the tests' own (the tenant admin creates it), so the other test files find the demo users as they left them. */
async function freshUser(request: APIRequestContext, email: string, given: string, family: string): Promise<string> {
  const res = await request.post("/admin/users", { headers: bearer(await token(request, "admin@demo.test", true)), data: { email, given_name: given, family_name: family } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Bob takes back what he gave Carol here: story.e2e.ts starts from a Carol without personas. */
async function revokeCarols(request: APIRequestContext) {
  const bob = await token(request, BOB);
  const users = (await (await request.get("/users?q=carol", { headers: bearer(bob) })).json()) as { items: { id: string; email: string }[] };
  for (const u of users.items.filter((x) => x.email === CAROL)) {
    const personas = (await (await request.get(`/users/${u.id}/personas`, { headers: bearer(bob) })).json()) as { items: { id: string; status: { value: string } }[] };
    for (const p of personas.items.filter((x) => x.status.value === "accepted")) {
      expect((await request.delete(`/users/${u.id}/personas/${p.id}`, { headers: bearer(bob) })).ok()).toBe(true);
    }
  }
}

/** Bob prepares a customer persona through the API and the user accepts it by its link: an activation waits for Bob. */
async function activationFor(request: APIRequestContext, bob: string, email: string, scope: string[]) {
  const res = await request.post("/persona-invitations", {
    headers: bearer(bob),
    data: { type: "customer", scope, user_email: email, send_email: false },
  });
  expect(res.status()).toBe(201);
  const link = new URL(((await res.json()) as { magic_link: string }).magic_link);
  const accepted = await request.post(link.pathname.replace("/magic/", "/magic-links/") + "/accept", {
    headers: bearer(await token(request, email)),
  });
  expect(accepted.ok()).toBe(true);
}

test("Bob prepares a persona for Carol in the wizard and copies the link; Carol accepts it; Bob activates it and finds her in his Users", async ({
  page,
  context,
  browser,
  request,
  problems,
}) => {
  try {
    await carolStory(page, context, browser, problems);
  } finally {
    await revokeCarols(request);
  }
});

async function carolStory(page: Page, context: BrowserContext, browser: Browser, problems: string[]) {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await bobSignsIn(page, "/manage/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const users = page.getByRole("grid", { name: "Users in your scope" });
  // Alice holds a customer persona of company:acme: she is in Bob's scope; Carol is not yet.
  await expect(users.getByRole("link", { name: /^Alice / })).toBeVisible();
  await expect(users.getByRole("link", { name: "Carol White" })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "manage-01-users");

  // Prepare a persona: select → Next → details → Save → the magic link.
  await page.getByRole("button", { name: "Prepare a persona" }).click();
  const wizard = page.getByRole("dialog", { name: "Prepare a persona" });
  await expect(wizard.getByRole("button", { name: "Next" })).toBeDisabled();
  await wizard.getByRole("radio", { name: /^Customer/ }).check();
  await expectAccessible(page);
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("textbox", { name: "User's e-mail" }).fill(CAROL);
  // Bob's own scope only: no company:initech on offer.
  await expect(wizard.getByRole("checkbox")).toHaveCount(2);
  await wizard.getByRole("checkbox", { name: "company:globex" }).check();
  await expectAccessible(page);
  await shot(page, "manage-02-wizard-details");
  await wizard.getByRole("button", { name: "Save" }).click();
  await expect(wizard.getByText("The persona Customer is prepared for Carol White")).toBeVisible();
  await expect(wizard.getByText(`The e-mail with the magic link is queued for ${CAROL}`, { exact: false })).toBeVisible();
  await wizard.getByRole("button", { name: "Copy the magic link" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/magic\/[A-Za-z0-9_-]{43,}$/);
  await expect(wizard.getByRole("textbox", { name: "Magic link" })).toHaveValue(link);
  await expectAccessible(page);
  await shot(page, "manage-03-wizard-link");
  await wizard.getByRole("button", { name: "Close", exact: true }).click();
  await expect(wizard).toHaveCount(0);

  // Carol, in her own browser, opens the link, signs in and accepts.
  const carolContext = await browser.newContext();
  try {
    const carol = await carolContext.newPage();
    watch(carol, problems);
    await carol.goto(new URL(link).pathname);
    await signInAs(carol, CAROL);
    await expect(carol.getByText("Bob Green prepared the persona Customer for Carol White.")).toBeVisible();
    await carol.getByRole("button", { name: "Accept" }).click();
    await expect(carol.getByRole("heading", { name: "Request accepted" })).toBeVisible();
  } finally {
    await carolContext.close();
  }

  // Bob activates it from My Work: the dialog shows the persona and Carol, then the re-check's result.
  const title = "Activate a persona: Customer (company:globex) for Carol White";
  await page.getByRole("link", { name: "My Work" }).click();
  await page.getByRole("button", { name: `Accept ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: "Accept this request?" });
  await expect(dialog.getByText("Accepting activates this persona for Carol White.", { exact: false })).toBeVisible();
  await expect(dialog.getByText(`(${CAROL})`)).toBeVisible();
  await expect(dialog.getByText("Customer", { exact: true })).toBeVisible();
  await expect(dialog.getByText("company:globex")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "manage-04-activate");
  await dialog.getByRole("button", { name: "Accept" }).click();
  await expect(dialog.getByText(`You accepted “${title}”.`)).toBeVisible();
  await expect(dialog.getByText("Carol White now holds Customer (company:globex) and appears in your Users.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "manage-05-activated");
  await dialog.getByRole("button", { name: "Close" }).last().click();
  await expect(page.getByRole("row", { name: exact(title) })).toHaveCount(0);

  // Carol is in Bob's Users now: search, the three dots → View → Personas.
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("textbox", { name: "Search by name or e-mail" }).fill("carol");
  await expect(users.getByRole("link", { name: /^Alice / })).toHaveCount(0);
  await users.getByRole("button", { name: "Actions for Carol White" }).click();
  await page.getByRole("menuitem", { name: "View" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Carol White" })).toBeVisible();
  await page.getByRole("tab", { name: "Personas" }).click();
  const personas = page.getByRole("grid", { name: "Personas of Carol White that you manage" });
  await expect(personas.getByRole("row").filter({ hasText: "company:globex" })).toContainText("Accepted");
  await expectAccessible(page);
  await shot(page, "manage-06-user-personas");

  // Edit: add company:acme to the scope, Save, and the table says so.
  await personas.getByRole("button", { name: "Edit Customer (company:globex)" }).click();
  const edit = page.getByRole("dialog", { name: "Edit the persona Customer" });
  await edit.getByRole("checkbox", { name: "company:acme" }).check();
  await expectAccessible(page);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Customer (company:acme, company:globex) is saved.")).toBeVisible();
  await expect(personas.getByRole("row").filter({ hasText: "company:acme" })).toContainText("company:globex");
}

test("Bob accepts and rejects several requests at once: each is decided on its own and one failure undoes nothing", async ({ page, request }) => {
  const bob = await token(request, BOB);
  await freshUser(request, "erin.bulk@acme.test", "Erin", "Gray");
  const dana = await freshUser(request, "dana.bulk@globex.test", "Dana", "Black");
  // Dana already holds customer globex (the tenant admin gave it): her activation of it will fail its re-check.
  const given = await request.post(`/admin/users/${dana}/personas`, {
    headers: bearer(await token(request, "admin@demo.test", true)),
    data: { type: "customer", scope: ["company:globex"] },
  });
  expect(given.status()).toBe(201);
  await activationFor(request, bob, "erin.bulk@acme.test", ["company:acme"]);
  await activationFor(request, bob, "dana.bulk@globex.test", ["company:globex"]);
  await activationFor(request, bob, "erin.bulk@acme.test", ["company:globex"]);
  await activationFor(request, bob, "dana.bulk@globex.test", ["company:acme"]);
  const passes = "Activate a persona: Customer (company:acme) for Erin Gray";
  const fails = "Activate a persona: Customer (company:globex) for Dana Black";
  const rejected = ["Activate a persona: Customer (company:globex) for Erin Gray", "Activate a persona: Customer (company:acme) for Dana Black"];

  await bobSignsIn(page, "/my-work");
  await page.getByRole("checkbox", { name: `Select ${passes}` }).check();
  await page.getByRole("checkbox", { name: `Select ${fails}` }).check();
  await expectAccessible(page);
  await shot(page, "manage-07-bulk-selected");
  await page.getByRole("button", { name: "Accept selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Accept the selected requests?" });
  await dialog.getByRole("button", { name: "Accept" }).click();
  await expect(dialog.getByText("Done: accepted 1, failed 1")).toBeVisible();
  const results = dialog.getByRole("list", { name: "Selected requests" });
  await expect(results.getByRole("listitem").filter({ hasText: passes })).toContainText("Accepted");
  await expect(results.getByRole("listitem").filter({ hasText: fails })).toContainText("Failed");
  await expect(results.getByRole("listitem").filter({ hasText: fails })).toContainText("already holds a persona of this type and scope");
  await expectAccessible(page);
  await shot(page, "manage-08-bulk-results");
  await dialog.getByRole("button", { name: "Close" }).last().click();
  for (const t of [passes, fails]) await expect(page.getByRole("row", { name: exact(t) })).toHaveCount(0);

  for (const t of rejected) await page.getByRole("checkbox", { name: `Select ${t}` }).check();
  await page.getByRole("button", { name: "Reject selected (2)" }).click();
  const rejecting = page.getByRole("dialog", { name: "Reject the selected requests?" });
  await rejecting.getByRole("textbox", { name: "Reason (optional)" }).fill("not this company");
  await rejecting.getByRole("button", { name: "Reject" }).click();
  await expect(rejecting.getByText("Done: rejected 2")).toBeVisible();
  await rejecting.getByRole("button", { name: "Close" }).last().click();
  // Other tests' requests may wait in Bob's inbox (one server for every file): only these four must be gone.
  for (const t of [passes, fails, ...rejected]) await expect(page.getByRole("row", { name: exact(t) })).toHaveCount(0);

  // History keeps each outcome: the failed one with its reason.
  await page.getByRole("tab", { name: "Requests History" }).click();
  await expect(page.getByRole("row", { name: exact(fails) }).getByText("Failed")).toBeVisible();
  await expect(page.getByRole("row", { name: exact(passes) }).getByText("Accepted")).toBeVisible();
});

test("rights waiting for a step-up: Bob, signed in an hour ago, opens Users and is sent to sign in again, then sees his users", async ({
  page,
  expectProblem,
}) => {
  await page.goto("/manage/users");
  await page.getByRole("radio", { name: "60 minutes ago" }).check();
  await signInAs(page, BOB);
  // GET /users answers 401 step_up_required (Chromium logs it): the portal signs in again with max_age.
  expectProblem(/status of 401/);
  await expect(page).toHaveURL(/\/oidc\/login/);
  await expect(page.locator("#maxage")).toBeVisible();
  await signInAs(page, BOB);
  await expect(page).toHaveURL(/\/manage\/users$/);
  await expect(page.getByRole("grid", { name: "Users in your scope" }).getByRole("link", { name: /^Alice / })).toBeVisible();
});

test("Users at 400x800, keyboard only: the three dots open with Enter and View opens the user @narrow", async ({ page, request }) => {
  await freshUser(request, "fay.narrow@globex.test", "Fay", "Green");
  await bobSignsIn(page, "/manage/users");
  // Alice is in Bob's scope (her name may have been edited by another test).
  const dots = page.getByRole("button", { name: /^Actions for / }).first();
  const name = ((await dots.getAttribute("aria-label")) ?? "").replace(/^Actions for /, "");
  await dots.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "View" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectAccessible(page);
  // Prepare a persona, step by step, on the narrow screen.
  await page.getByRole("button", { name: "Back to Users" }).click();
  await page.getByRole("button", { name: "Prepare a persona" }).click();
  const wizard = page.getByRole("dialog", { name: "Prepare a persona" });
  await wizard.getByRole("radio", { name: /^Customer/ }).check();
  await expectAccessible(page);
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("textbox", { name: "User's e-mail" }).fill("fay.narrow@globex.test");
  await wizard.getByRole("checkbox", { name: "company:acme" }).check();
  const send = wizard.getByRole("switch", { name: "Send the e-mail with the magic link to the user" });
  await send.focus();
  await page.keyboard.press("Space");
  await expect(send).not.toBeChecked();
  await expectAccessible(page);
  await wizard.getByRole("button", { name: "Save" }).click();
  await expect(wizard.getByText("No e-mail was sent.")).toBeVisible();
  await expect(wizard.getByRole("textbox", { name: "Magic link" })).toHaveValue(/\/magic\//);
  await expectAccessible(page);
  await shot(page, "manage-09-narrow-wizard-link");
});
