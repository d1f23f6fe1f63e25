import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { ALICE, CAROL, prepare, token } from "./api";
import { expect, signInAs, test, watch } from "./fixtures";

// `make screenshots`: every portal screen, light and dark, desktop and
// mobile, into docs/screenshots/<screen>-<scheme>-<size>.png. Tagged
// @screenshots: only the screenshots project (PP_SCREENSHOTS=1) runs it.

const OUT = resolve(process.env.PP_SCREENSHOTS_DIR ?? "../docs/screenshots");
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 400, height: 800 } } as const;
const SCHEMES = ["light", "dark"] as const;

/** Opens a page, signing in at the provider when the portal sends the browser there. */
async function open(page: Page, path: string, user: string) {
  await page.goto(path);
  // The portal's page or the provider's: each has its h1 once settled.
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  if (new URL(page.url()).pathname.startsWith("/oidc/login")) {
    await signInAs(page, user);
    await page.waitForURL((u) => u.pathname === new URL(path, "http://x").pathname);
  }
}

async function snap(page: Page, name: string, scheme: string, size: string) {
  await page.screenshot({ path: `${OUT}/${name}-${scheme}-${size}.png`, animations: "disabled", caret: "hide" });
}

test("every portal screen, light and dark, desktop and mobile @screenshots", async ({ browser, request, problems, expectProblem }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  // A link Carol already used (its page answers 410), which leaves a request in
  // her history and an activation in Bob's inbox; and one still pending.
  const used = await prepare(request, { scope: "company:globex" });
  const accepted = await request.post(`/magic-links/${used.token}/accept`, {
    headers: { Authorization: `Bearer ${await token(request, CAROL)}` },
  });
  expect(accepted.ok()).toBe(true);
  const pending = await prepare(request, { scope: "company:acme" });
  // The used link's page asks GET /magic-links/<token>, which answers 410 Gone: Chromium logs it.
  expectProblem(/status of 410/);

  for (const scheme of SCHEMES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await shoot(browser, problems, scheme, size, viewport, used.path, pending.path);
    }
  }
});

async function shoot(
  browser: Browser,
  problems: string[],
  scheme: (typeof SCHEMES)[number],
  size: string,
  viewport: { width: number; height: number },
  used: string,
  pending: string,
) {
  const context = await browser.newContext({ colorScheme: scheme, viewport, locale: "en-US" });
  try {
    // Alice: My Account and Applications.
    const page = await context.newPage();
    watch(page, problems);
    await page.goto("/account/general");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await snap(page, "provider-sign-in", scheme, size);
    await signInAs(page, ALICE);
    await expect(page.getByLabel("First name")).toHaveValue("Alice");
    await snap(page, "account-general", scheme, size);
    await open(page, "/account/personas", ALICE);
    const details = page.getByRole("button", { name: /^See the assignment details of / }).first();
    await expect(details).toBeVisible();
    await snap(page, "account-personas", scheme, size);
    await details.click();
    await expect(page.getByRole("region", { name: "Assignment details" })).toBeVisible();
    await snap(page, "persona-details", scheme, size);
    await open(page, "/applications", ALICE);
    await expect(page.getByRole("article").first()).toBeVisible();
    await snap(page, "applications", scheme, size);
    await page.close();
  } finally {
    await context.close();
  }

  const carolContext = await browser.newContext({ colorScheme: scheme, viewport, locale: "en-US" });
  try {
    // Carol: My Work, a request's details, the magic-link page.
    const page = await carolContext.newPage();
    watch(page, problems);
    await open(page, "/my-work?tab=approval", CAROL);
    const view = page.getByRole("button", { name: /^View / }).first();
    await expect(view).toBeVisible();
    await snap(page, "my-work-approval", scheme, size);
    await view.click();
    await expect(page.getByRole("dialog", { name: "Request details" })).toBeVisible();
    await snap(page, "request-view", scheme, size);
    await page.getByRole("button", { name: "Close" }).first().click();
    for (const tab of ["follow-up", "history"]) {
      await open(page, `/my-work?tab=${tab}`, CAROL);
      await expect(page.getByRole("tabpanel")).toBeVisible();
      await expect(page.getByRole("tabpanel").getByRole("grid").or(page.getByRole("tabpanel").getByRole("heading", { level: 2 })).first()).toBeVisible();
      await snap(page, `my-work-${tab}`, scheme, size);
    }
    await open(page, pending, CAROL);
    await expect(page.getByRole("button", { name: "Accept" })).toBeVisible();
    await snap(page, "magic-preview", scheme, size);
    await open(page, used, CAROL);
    await expect(page.getByRole("heading", { name: "You already answered this invitation" })).toBeVisible();
    await snap(page, "magic-gone", scheme, size);
  } finally {
    await carolContext.close();
  }
}
