import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";
import { token } from "./api";

const BOB = "bob@acme.test";


/**
 * A new user (made on first sight) for whom Bob prepares a customer persona,
 * which they accept through the API: its activation waits in Bob's Requests
 * Approval. Answers its title. A user of its own keeps the test apart from
 * the other files' data on the same server.
 */
async function activationForBob(request: APIRequestContext, email: string, scope: string): Promise<string> {
  const user = await token(request, email);
  expect((await request.get("/me", { headers: { Authorization: `Bearer ${user}` } })).ok()).toBe(true);
  const bob = await token(request, BOB);
  const res = await request.post("/persona-invitations", {
    headers: { Authorization: `Bearer ${bob}` },
    data: { type: "customer", scope: [scope], user_email: email, send_email: false },
  });
  expect(res.status()).toBe(201);
  const link = new URL(((await res.json()) as { magic_link: string }).magic_link).pathname.replace(/^\/magic\//, "");
  expect((await request.post(`/magic-links/${link}/accept`, { headers: { Authorization: `Bearer ${user}` } })).ok()).toBe(true);
  // A user without a name is named by their e-mail address.
  return `Activate a persona: Customer (${scope}) for ${email}`;
}

const byTitle = (title: string) => new RegExp(title.replace(/[().]/g, "\\$&"));

test("a mutation blocked by step-up is sent again after the sign-in: Bob's stale session accepts an activation without a second click", async ({
  page,
  expectProblem,
}) => {
  const title = await activationForBob(page.request, "dana.stepup@acme.test", "company:acme");

  await page.goto("/my-work?tab=approval");
  await page.getByRole("radio", { name: "60 minutes ago" }).check();
  await signInAs(page, BOB);
  await expect(page).toHaveURL(/\/my-work\?tab=approval$/);
  await page.getByRole("button", { name: `Accept ${title}` }).click();
  await page.getByRole("dialog", { name: "Accept this request?" }).getByRole("button", { name: "Accept" }).click();

  // 401 step_up_required (Chromium logs the 401): the portal keeps the
  // accept and signs in again with max_age; the provider says why.
  expectProblem(/status of 401/);
  await expect(page).toHaveURL(/\/oidc\/login/);
  await expect(page.locator("#maxage")).toBeVisible();
  // The provider is on the portal's origin: the tab's sessionStorage shows
  // what was kept, which is no token.
  const kept = await page.evaluate(() => {
    const user = Object.keys(sessionStorage).find((k) => k.startsWith("oidc.user:"));
    return { blocked: sessionStorage.getItem("pp.blocked"), token: user ? (JSON.parse(sessionStorage.getItem(user)!) as { access_token: string }).access_token : "" };
  });
  expect(JSON.parse(kept.blocked!)).toMatchObject({ method: "POST", path: expect.stringMatching(/^\/me\/requests\/[^/]+\/accept$/), returnTo: "/my-work?tab=approval", label: "acceptRequest" });
  expect(kept.token).not.toBe("");
  expect(kept.blocked).not.toContain(kept.token);
  await shot(page, "replay-01-provider");
  await signInAs(page, BOB);

  // Back on the page it left, the accept is sent again by itself: done, the row gone.
  await expect(page).toHaveURL(/\/my-work\?tab=approval$/);
  const done = page.getByText("You signed in again: “Accept the request” is done.");
  await expect(done).toBeVisible();
  await expect(page.locator(".pf-v6-c-alert", { has: done })).toContainText(title);
  await expect(page.getByRole("row", { name: byTitle(title) })).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.getItem("pp.blocked"))).toBeNull();
  await expectAccessible(page);
  await shot(page, "replay-02-done");

  // Requests History holds it, accepted.
  await page.getByRole("tab", { name: "Requests History" }).click();
  await expect(page.getByRole("row", { name: byTitle(title) })).toContainText("Accepted");

  // A reload sends nothing again (one shot): the page stays as it is, with no alert.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Requests History" })).toHaveAttribute("aria-selected", "true");
  await expect(done).toHaveCount(0);
});

/** Each of the three tabs lies wholly inside the 400 px wide viewport. */
async function expectTabsInView(page: Page) {
  const width = page.viewportSize()!.width;
  for (const name of ["Requests Approval", "Requests Follow Up", "Requests History"]) {
    const box = (await page.getByRole("tab", { name }).boundingBox())!;
    expect(box, name).not.toBeNull();
    expect(box.x, `${name} starts in view`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends in view`).toBeLessThanOrEqual(width);
  }
}

test("My Work on a phone: three tabs in view, each request's labels apart, light and dark @narrow", async ({ page }) => {
  const title = await activationForBob(page.request, "erin.phone@globex.test", "company:globex");
  await page.goto("/my-work");
  await page.getByRole("radio", { name: "just now" }).check();
  await signInAs(page, BOB);
  const row = page.getByRole("row", { name: byTitle(title) });
  await expect(row).toBeVisible();
  await expectTabsInView(page);
  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  // Each cell (with its label) has its own line: none overlaps the next.
  const cells = await row.getByRole("cell").all();
  for (let i = 1; i < cells.length; i++) {
    const above = (await cells[i - 1]!.boundingBox())!;
    const below = (await cells[i]!.boundingBox())!;
    expect(below.y, `cell ${i + 1} starts below cell ${i}`).toBeGreaterThanOrEqual(above.y + above.height - 1);
  }
  await expectAccessible(page);
  await shot(page, "replay-narrow-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectTabsInView(page);
  await expectAccessible(page);
  await shot(page, "replay-narrow-dark");
  await page.getByRole("tab", { name: "Requests History" }).click();
  await expect(page.getByRole("tab", { name: "Requests History" })).toHaveAttribute("aria-selected", "true");
  await expectTabsInView(page);
});

test("the provider's sign-in page follows a dark system, stays accessible and fits a phone @narrow", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/account");
  await expect(page).toHaveURL(/\/oidc\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const colours = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { background: s.backgroundColor, text: s.color };
  });
  // Dark background, light text (Chromium's dark Canvas and CanvasText).
  const lum = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  };
  expect(lum(colours.background), colours.background).toBeLessThan(0.2);
  expect(lum(colours.text), colours.text).toBeGreaterThan(0.8);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await expectAccessible(page);
  await shot(page, "replay-provider-dark");
  // And it still signs in.
  await signInAs(page, BOB);
  await expect(page).toHaveURL(/\/account/);
});
