import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

// The tenant console, played by the demo tenant's admin (the development
// provider's "Demo admin", whose token says tenant admin) against the real
// local server.

const ADMIN = "admin@demo.test";
const SAMPLE = resolve("../docs/import-sample.csv");

/** Opens a console page signed in as the admin. */
async function openAsAdmin(page: Page, path: string) {
  await page.goto(path);
  await signInAs(page, ADMIN);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function adminHeaders(request: APIRequestContext) {
  const login = await request.post("/dev/login", { data: { email: ADMIN, tenant: "demo", admin: true } });
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

/** The sample CSV imported through the API (tests that need its users do not depend on another test). */
async function importSample(request: APIRequestContext) {
  const res = await request.post("/admin/import", {
    headers: { ...(await adminHeaders(request)), "Content-Type": "text/csv" },
    data: readFileSync(SAMPLE),
  });
  expect(res.ok()).toBe(true);
}

/**
 * The sample revokes Alice's customer persona; the browser tests after this
 * file share the server and expect her as seeded, so she gets a live one
 * back (the revoked one stays in her history; importing the sample again
 * matches that one and leaves this one be).
 */
async function restoreAlice(request: APIRequestContext) {
  const headers = await adminHeaders(request);
  const users = (await (await request.get("/admin/users?q=alice%40acme.test", { headers })).json()) as { items: { id: string; email: string }[] };
  const alice = users.items.find((u) => u.email === "alice@acme.test")!;
  const personas = (await (await request.get(`/admin/users/${alice.id}/personas?limit=100`, { headers })).json()) as {
    items: { type: string; status: { value: string } }[];
  };
  if (personas.items.some((p) => p.type === "customer" && p.status.value === "accepted")) return;
  const res = await request.post(`/admin/users/${alice.id}/personas`, { headers, data: { type: "customer", scope: ["company:acme"], preferred: true } });
  expect(res.status()).toBe(201);
}

test("a tenant admin creates a definition, imports the sample CSV, finds a user and reads the audit trail of the change", async ({ page, request, expectProblem }) => {
  // The refused definition (400 invalid_request): Chromium logs it.
  expectProblem(/status of 400 .*\/admin\/persona-definitions/);
  await openAsAdmin(page, "/console/definitions");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Persona definitions" })).toBeVisible();
  const definitions = page.getByRole("grid", { name: "Persona definitions" });
  await expect(definitions.getByRole("row", { name: /Staff member/ })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-01-definitions");

  // Create a persona definition; the API's reason lands on the field it is about.
  await page.getByRole("button", { name: "Create a persona definition" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a persona definition" });
  await dialog.getByRole("textbox", { name: "Type" }).fill("Contractor");
  await dialog.getByRole("textbox", { name: "Display name" }).fill("Contractor");
  await dialog.getByRole("textbox", { name: "Description" }).fill("Works for us for a while.");
  await dialog.getByRole("textbox", { name: "Scope values" }).fill("company:acme\ncompany:initech");
  await dialog.getByRole("textbox", { name: "Entitlements" }).fill("timesheets:write");
  await dialog.getByRole("checkbox", { name: "Delegable" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  const type = dialog.getByRole("textbox", { name: "Type" });
  await expect(type).toHaveAttribute("aria-invalid", "true");
  await expect(type).toHaveAccessibleDescription(/must match/);
  await expect(type).toBeFocused();
  await expectAccessible(page);
  await shot(page, "console-02-definition-invalid");
  await type.fill("contractor");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The persona definition Contractor is created.")).toBeVisible();
  await expect(dialog).toHaveCount(0);
  const contractor = definitions.getByRole("row", { name: /Contractor/ });
  await expect(contractor).toContainText("company:initech");
  await expect(contractor).toContainText("timesheets:write");
  await expect(contractor).toContainText("Delegable");

  // Import the sample: the dry run's report first, then the import with its progress bar.
  await nav.getByRole("link", { name: "Import / export" }).click();
  await expect(page).toHaveURL(/\/console\/import-export$/);
  await page.locator('input[type="file"]').setInputFiles(SAMPLE);
  await expect(page.getByText("CSV, 6 lines to import.")).toBeVisible();
  await page.getByRole("button", { name: "Check the file" }).click();
  const dryRun = page.getByRole("region", { name: "What the import will do" });
  await expect(dryRun).toBeVisible();
  await expect(dryRun.getByRole("term").filter({ hasText: "New users" }).locator("xpath=..")).toContainText("3");
  await expect(dryRun.getByRole("term").filter({ hasText: "Changed users" }).locator("xpath=..")).toContainText("3");
  await expect(dryRun.getByRole("term").filter({ hasText: "Errors" }).locator("xpath=..")).toContainText("0");
  await expect(page.getByText("Nothing is changed yet. Import the file to make these changes.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-03-dry-run");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const progress = page.getByRole("progressbar", { name: "Importing" });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(progress).toHaveAttribute("aria-valuetext", "6 of 6 lines");
  await expect(page.getByText("The import is done.")).toBeVisible();
  const result = page.getByRole("region", { name: "What the import did" });
  await expect(result.getByRole("term").filter({ hasText: "New users" }).locator("xpath=..")).toContainText("3");
  await expectAccessible(page);
  await shot(page, "console-04-imported");
  await restoreAlice(request);

  // Find Dave (imported) by his e-mail, open him, change his profile.
  await nav.getByRole("link", { name: "Users" }).click();
  await page.getByRole("textbox", { name: "Search by name or e-mail" }).fill("initech");
  const users = page.getByRole("grid", { name: "Users" });
  await expect(users.getByRole("row")).toHaveCount(2);
  await expectAccessible(page);
  await users.getByRole("link", { name: "Dave Brown" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dave Brown" })).toBeVisible();
  await expect(page.getByLabel("Attributes")).toHaveValue(/"employee_id": "E-1042"/);
  await page.getByRole("textbox", { name: "Display name" }).fill("Dave B.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The profile is saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Dave B." })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-05-user");

  // His personas, as the import left them.
  await page.getByRole("tab", { name: "Personas" }).click();
  const personas = page.getByRole("grid", { name: "The user's personas" });
  await expect(personas.getByRole("row", { name: /Staff member/ })).toContainText("dept:support");
  await expect(personas.getByRole("row", { name: /^Customer / })).toContainText("dave.buyer@initech.test");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add a persona" }).click();
  const add = page.getByRole("dialog", { name: "Add a persona to dave@initech.test" });
  await add.getByRole("combobox", { name: /^Persona/ }).selectOption({ label: "Contractor" });
  await expect(add.getByRole("group", { name: "Scope" }).getByRole("checkbox")).toHaveCount(2);
  await expectAccessible(page);
  await add.getByRole("button", { name: "Cancel" }).click();

  // The audit trail of the change: about Dave, newest first, before and after.
  await page.getByRole("link", { name: "See the audit trail" }).click();
  await expect(page).toHaveURL(/\/console\/audit\?user=/);
  const trail = page.getByRole("grid", { name: "Audit records" });
  const newest = trail.locator("tbody").first();
  await expect(newest).toContainText("Profile changed");
  await expect(trail.locator("tbody")).toHaveCount(3); // profile.updated, then the sample's two lines about Dave
  await expect(trail.locator("tbody").nth(1)).toContainText("User imported");
  await newest.getByRole("button", { name: /^Show what changed: Profile changed/ }).click();
  const diff = newest.getByRole("grid", { name: "Profile changed: before and after" });
  const changed = diff.getByRole("row", { name: /^display_name/ });
  await expect(changed).toContainText("Changed");
  await expect(changed.getByRole("gridcell").nth(1)).toHaveText("(empty)");
  await expect(changed.getByRole("gridcell").nth(2)).toHaveText("Dave B.");
  await expectAccessible(page);
  await shot(page, "console-06-audit");
});

// GET /admin/users?attribute=&value= and GET /admin/audit?action=.
test("a tenant admin finds a user by an attribute, and the audit trail by action", async ({ page, request }) => {
  await importSample(request);
  await restoreAlice(request);
  await openAsAdmin(page, "/console/users");
  await page.getByRole("button", { name: "Attribute" }).click();
  await page.getByRole("textbox", { name: "Attribute" }).fill("employee_id");
  await page.getByRole("textbox", { name: "Value" }).fill("E-2077");
  await page.getByRole("button", { name: "Find" }).click();
  const users = page.getByRole("grid", { name: "Users" });
  await expect(users.getByRole("row")).toHaveCount(2);
  await expect(users.getByRole("link")).toHaveText(["Erin B."]);
  await expectAccessible(page);
  await shot(page, "console-07-attribute");

  await page.goto("/console/audit");
  await page.getByRole("combobox", { name: "Action" }).selectOption({ label: "User imported" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=user\.imported/);
  const rows = page.getByRole("grid", { name: "Audit records" }).locator("tbody");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("User imported");
});

test("a tenant admin changes a setting, and the API's range shows on the field", async ({ page, expectProblem }) => {
  expectProblem(/status of 400 .*\/admin\/settings/);
  await openAsAdmin(page, "/console/settings");
  const days = page.getByRole("spinbutton", { name: "Longest delegation (days)" });
  await expect(days).toHaveValue("90");
  await expect(days).toHaveAccessibleDescription(/Default: 90\./);
  await expectAccessible(page);
  await shot(page, "console-08-settings");

  await days.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expect(days).toHaveAccessibleDescription(/^must be between 1 and 3650/);
  await expect(days).toBeFocused();
  await days.fill("60");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The settings are saved.")).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  const saved = page.getByRole("spinbutton", { name: "Longest delegation (days)" });
  await expect(saved).toHaveValue("60");
  // Back to the seeded value: the browser tests after this file share the server.
  await saved.fill("90");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The settings are saved.")).toBeVisible();
});

test("a tenant admin disables a user, then enables them again", async ({ page }) => {
  await openAsAdmin(page, "/console/users");
  await page.getByRole("textbox", { name: "Search by name or e-mail" }).fill("carol");
  await page.getByRole("grid", { name: "Users" }).getByRole("link", { name: "Carol White" }).click();
  await page.getByRole("button", { name: "Disable" }).click();
  const confirm = page.getByRole("dialog", { name: /Disable Carol White\?$/ });
  await expect(confirm).toContainText("Nothing is erased");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("The user is disabled.")).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("The user is enabled again.")).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("a tenant admin downloads the export: every user a line, importable again", async ({ page }) => {
  await openAsAdmin(page, "/console/import-export");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the export" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.ndjson$/);
  const lines = readFileSync((await file.path())!, "utf8").trim().split("\n");
  const users = lines.map((l) => JSON.parse(l) as { email: string; personas: { type: string; scope: string[] }[] });
  const typesOf = (email: string) => users.find((u) => u.email === email)?.personas.map((p) => p.type);
  expect(typesOf("alice@acme.test")).toEqual(expect.arrayContaining(["customer", "staff"]));
  expect(typesOf("bob@acme.test")).toEqual(["customer-admin"]);
  expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(["carol@globex.test", ADMIN]));
  // One page, by e-mail.
  expect(users.map((u) => u.email)).toEqual(users.map((u) => u.email).sort());
  await expect(page.getByText(`${file.suggestedFilename()} is downloaded: ${lines.length} lines.`)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-09-export");
});

test("the console works on a narrow screen @narrow", async ({ page }) => {
  await openAsAdmin(page, "/console/definitions");
  await expect(page.getByRole("grid", { name: "Persona definitions" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-narrow-definitions");
  await page.goto("/console/users");
  await expect(page.getByRole("grid", { name: "Users" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/console/applications");
  await expect(page.getByRole("grid", { name: "Applications" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/console/import-export");
  await expect(page.getByRole("button", { name: "Check the file" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/console/audit");
  await expect(page.getByRole("grid", { name: "Audit records" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "console-narrow-audit");
});

test.describe("in the dark", () => {
  test.use({ colorScheme: "dark" });

  test("the console's lists, reports and before/after read well in dark mode", async ({ page }) => {
    await openAsAdmin(page, "/console/import-export");
    await page.locator('input[type="file"]').setInputFiles({
      name: "check.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("email,persona_type,persona_scope\ngrace@initech.test,customer,company:nowhere\n"),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("grid", { name: "What the import will do: the lines with an error" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/console/audit");
    const first = page.getByRole("grid", { name: "Audit records" }).locator("tbody").first();
    await first.getByRole("button", { name: /^Show what changed/ }).click();
    await expect(first.getByRole("grid", { name: /before and after$/ })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "console-dark-audit");
    await page.goto("/console/definitions");
    await expect(page.getByRole("grid", { name: "Persona definitions" })).toBeVisible();
    await expectAccessible(page);
  });
});
