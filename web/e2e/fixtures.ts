import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/**
 * Every test fails on a console error or a request that never got an answer
 * (a CSP refusal, a blocked font, a dead link to another origin), wherever
 * in the test it happened.
 */
export const test = base.extend<{ problems: string[]; expectProblem: (pattern: RegExp) => void }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      watch(page, problems);
      await use(problems);
      const expected = expectedProblems.get(problems) ?? [];
      for (const re of expected) expect(problems.some((p) => re.test(p)), `an expected problem matching ${re} happened`).toBe(true);
      expect(
        problems.filter((p) => !expected.some((re) => re.test(p))),
        "console errors and failed requests",
      ).toEqual([]);
    },
    { auto: true },
  ],
  // A test that provokes an error answer on purpose (a 410 for a used link, a
  // 401 step_up_required) names it: Chromium logs every 4xx as a console
  // error. The pattern must match at least once, and only what it matches is
  // forgiven.
  expectProblem: [
    async ({ problems }, use) => {
      const expected: RegExp[] = [];
      expectedProblems.set(problems, expected);
      await use((re) => expected.push(re));
    },
    { scope: "test" },
  ],
});

const expectedProblems = new WeakMap<string[], RegExp[]>();

/** Records a page's console errors and failed requests (a page of another browser context than the test's own page). */
export function watch(page: Page, problems: string[]) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page aborts its pending requests: not a failure of the portal.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
}

export { expect };

/** WCAG 2.1 A and AA, as axe tags them: nothing serious or critical. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) on ${page.url()}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad).toEqual([]);
}

/** Signs in at the development OpenID Provider's page as one of its demo users. */
export async function signInAs(page: Page, user: string) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(`\\(${user.replace(/[.]/g, "\\.")}\\)`) }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Where the screenshots go while developing (PP_E2E_SHOTS=/tmp/shots). */
export async function shot(page: Page, name: string) {
  if (process.env.PP_E2E_SHOTS) await page.screenshot({ path: `${process.env.PP_E2E_SHOTS}/${name}.png`, fullPage: true });
}
