import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, signInAs, test, watch } from "./fixtures";

// `make screenshots`: the tenant console's screens, light and dark, desktop
// and mobile, into docs/screenshots/console-<screen>-<scheme>-<size>.png.
// Tagged @screenshots: only the screenshots project (PP_SCREENSHOTS=1) runs it.

const OUT = resolve(process.env.PP_SCREENSHOTS_DIR ?? "../docs/screenshots");
const ADMIN = "admin@demo.test";
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 400, height: 800 } } as const;
const SCHEMES = ["light", "dark"] as const;

/** A file whose dry run has something of everything: two new users, and a scope outside the catalogue. */
const TO_CHECK = `email,given_name,family_name,persona_type,persona_scope
grace@initech.test,Grace,Hopper,customer,company:initech
heidi@globex.test,Heidi,Lamar,customer,company:globex
ivan@acme.test,Ivan,Petrov,customer,company:nowhere
`;

/**
 * The demo tenant gets the sample's new users first (Dave, Erin, Frank), so
 * the lists and the trail have something to show. Alice's line is left out:
 * the portal's own screenshots (same server) show her as seeded.
 */
async function importSample(request: APIRequestContext): Promise<string> {
  const login = await request.post("/dev/login", { data: { email: ADMIN, tenant: "demo", admin: true } });
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${access_token}` };
  const sample = readFileSync(resolve("../docs/import-sample.csv"), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("alice@"))
    .join("\n");
  const res = await request.post("/admin/import", { headers: { ...headers, "Content-Type": "text/csv" }, data: sample });
  expect(res.ok()).toBe(true);
  const users = await request.get("/admin/users?q=dave%40initech.test", { headers });
  return ((await users.json()) as { items: { id: string }[] }).items[0]!.id;
}

async function snap(page: Page, name: string, scheme: string, size: string) {
  await page.screenshot({ path: `${OUT}/console-${name}-${scheme}-${size}.png`, animations: "disabled", caret: "hide" });
}

test("every console screen, light and dark, desktop and mobile @screenshots", async ({ browser, request, problems }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  const dave = await importSample(request);
  for (const scheme of SCHEMES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await shoot(browser, problems, scheme, size, viewport, dave);
    }
  }
});

async function shoot(browser: Browser, problems: string[], scheme: string, size: string, viewport: { width: number; height: number }, dave: string) {
  const context = await browser.newContext({ colorScheme: scheme as "light" | "dark", viewport, locale: "en-US" });
  try {
    const page = await context.newPage();
    watch(page, problems);
    await page.goto("/console/definitions");
    await signInAs(page, ADMIN);
    const definitions = page.getByRole("grid", { name: "Persona definitions" });
    await expect(definitions.getByRole("row", { name: /Staff member/ })).toBeVisible();
    await snap(page, "definitions", scheme, size);
    await page.getByRole("button", { name: "Edit Customer administrator" }).click();
    await expect(page.getByRole("dialog", { name: "Edit Customer administrator" })).toBeVisible();
    await snap(page, "definition-edit", scheme, size);
    await page.getByRole("button", { name: "Cancel" }).click();

    await page.goto("/console/users");
    await expect(page.getByRole("grid", { name: "Users" }).getByRole("link", { name: "Dave Brown" })).toBeVisible();
    await snap(page, "users", scheme, size);

    await page.goto(`/console/users/${dave}`);
    await expect(page.getByRole("textbox", { name: "Attributes" })).toHaveValue(/employee_id/);
    await snap(page, "user", scheme, size);
    await page.getByRole("tab", { name: "Personas" }).click();
    await expect(page.getByRole("grid", { name: "The user's personas" })).toBeVisible();
    await snap(page, "user-personas", scheme, size);

    await page.goto("/console/applications");
    await expect(page.getByRole("row", { name: /Order Desk/ })).toBeVisible();
    await snap(page, "applications", scheme, size);

    await page.goto("/console/settings");
    await expect(page.getByRole("spinbutton", { name: "Longest delegation (days)" })).toBeVisible();
    await snap(page, "settings", scheme, size);

    await page.goto("/console/import-export");
    await page.locator('input[type="file"]').setInputFiles({ name: "new-users.csv", mimeType: "text/csv", buffer: Buffer.from(TO_CHECK) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("region", { name: "What the import will do" })).toBeVisible();
    await snap(page, "import", scheme, size);

    await page.goto(`/console/audit?user=${dave}`);
    const first = page.getByRole("grid", { name: "Audit records" }).locator("tbody").first();
    await first.getByRole("button", { name: /^Show what changed/ }).click();
    await expect(first.getByRole("grid", { name: /before and after$/ })).toBeVisible();
    await snap(page, "audit", scheme, size);
  } finally {
    await context.close();
  }
}
