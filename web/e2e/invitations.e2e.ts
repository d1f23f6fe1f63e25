import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { BOB, CAROL, prepare, token } from "./api";
import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";

// Carol's invitations here are for company:acme, or end withdrawn: the
// story (story.e2e.ts) looks for Carol's company:globex activation in Bob's
// inbox, which must stay the only one.

/** Bob prepares a customer persona for Carol, e-mailed to her; answers the link's /magic/… path. */
async function prepareForCarol(request: APIRequestContext, scope: string): Promise<string> {
  return (await prepare(request, { scope, sendEmail: true })).path;
}

/** Bob rejects the one pending request of this title in his approvals, through the API. */
async function bobRejects(request: APIRequestContext, title: string) {
  const headers = { Authorization: `Bearer ${await token(request, BOB)}` };
  const res = await request.get(`/me/requests/approvals?q=${encodeURIComponent(title)}`, { headers });
  expect(res.ok()).toBe(true);
  const pending = ((await res.json()) as { items: { id: string; title: string }[] }).items.filter((r) => r.title === title);
  expect(pending).toHaveLength(1);
  expect((await request.post(`/me/requests/${pending[0]!.id}/reject`, { headers, data: {} })).ok()).toBe(true);
}

/** Bob in his own browser, signed in just now (his admin persona demands a recent sign-in), on the Invitations screen. */
async function bobOnInvitations(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  const bob = await context.newPage();
  watch(bob, problems);
  await bob.goto("/manage/invitations");
  await expect(bob.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await bob.getByRole("radio", { name: "just now" }).check();
  await signInAs(bob, BOB);
  await expect(bob).toHaveURL(/\/manage\/invitations$/);
  await expect(bob.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  return bob;
}

test("Bob resends an invitation: the old link is no longer valid, the new one works; a withdrawn invitation's link says so", async ({
  page,
  browser,
  request,
  problems,
  expectProblem,
}) => {
  const oldLink = await prepareForCarol(request, "company:acme");
  const toWithdraw = await prepareForCarol(request, "company:globex");
  const toResend = "Customer (company:acme) — Carol White";
  const withdrawn = "Customer (company:globex) — Carol White";

  const bob = await bobOnInvitations(browser, problems);
  try {
    const table = bob.getByRole("grid", { name: "Invitations you prepared" });
    const row = (name: string) => table.getByRole("row").filter({ has: bob.getByRole("button", { name: `Resend ${name}` }) });
    await expect(row(toResend).getByText("Waiting for the user")).toBeVisible();
    await expect(row(withdrawn).getByText("Waiting for the user")).toBeVisible();
    // The sidebar leads here too.
    await expect(bob.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Invitations" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(bob);
    await shot(bob, "invitations-01-list");

    // Resend, from the keyboard: the dialog asks first.
    await bob.getByRole("button", { name: `Resend ${toResend}` }).focus();
    await bob.keyboard.press("Enter");
    const dialog = bob.getByRole("dialog", { name: "Resend this invitation?" });
    await expect(dialog.getByRole("checkbox", { name: "E-mail the new link to Carol White (carol@globex.test)" })).toBeChecked();
    await expectAccessible(bob);
    await shot(bob, "invitations-02-resend-dialog");
    await dialog.getByRole("button", { name: "Resend" }).click();
    await expect(bob.getByText("Invitation sent again")).toBeVisible();
    await expect(bob.getByText(/An e-mail with the link was sent to carol@globex\.test\./)).toBeVisible();
    const newLink = new URL(await bob.getByRole("textbox", { name: "Magic link" }).inputValue()).pathname;
    expect(newLink).toMatch(/^\/magic\/[A-Za-z0-9_-]{64}$/);
    expect(newLink).not.toBe(oldLink);
    await expect(bob.getByRole("button", { name: "Copy link" })).toBeVisible();
    await expectAccessible(bob);
    await shot(bob, "invitations-03-resent");

    // Carol opens the old link: no longer valid (the API answers 410, which Chromium logs).
    expectProblem(/status of 410/);
    await page.goto(oldLink);
    await signInAs(page, CAROL);
    await expect(page.getByRole("heading", { name: "A newer link was sent", level: 2 })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveText(/Use the link in the latest e-mail about it, or answer the request in My Work\.$/);
    await expect(page.getByRole("link", { name: "Go to My Work" })).toHaveAttribute("href", "/my-work");
    await expect(page.getByRole("button", { name: "Accept" })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, "invitations-04-old-link");

    // The new link works: she accepts.
    await page.goto(newLink);
    await expect(page.getByText("Bob Green prepared the persona Customer for Carol White.")).toBeVisible();
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page.getByRole("heading", { name: "Request accepted" })).toBeVisible();

    // Bob sees it accepted, and withdraws the other one.
    await bob.reload();
    await expect(table.getByRole("row").filter({ hasText: "company:acme" }).getByText("Accepted, waiting for activation")).toBeVisible();
    await bob.getByRole("button", { name: `Withdraw ${withdrawn}` }).click();
    const withdraw = bob.getByRole("dialog", { name: /Withdraw this invitation\?/ });
    await expectAccessible(bob);
    await withdraw.getByRole("button", { name: "Withdraw" }).click();
    await expect(bob.getByText(/is withdrawn: its link no longer works\./)).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "company:globex" }).getByText("Withdrawn")).toBeVisible();
    await expect(bob.getByRole("button", { name: `Withdraw ${withdrawn}` })).toHaveCount(0);
    await expectAccessible(bob);
    await shot(bob, "invitations-05-withdrawn");

    // Only the withdrawn one, by the filter.
    await bob.getByRole("combobox", { name: "State" }).selectOption("withdrawn");
    await expect(table.getByRole("row").filter({ hasText: "company:globex" })).toHaveCount(1);
    await expect(table.getByText("Accepted, waiting for activation")).toHaveCount(0);
    await expect(table.getByText("Waiting for the user")).toHaveCount(0);

    // Its link says it was withdrawn.
    await page.goto(toWithdraw);
    await expect(page.getByRole("heading", { name: "This invitation was withdrawn", level: 2 })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveText(/^The person who prepared the persona withdrew it/);
    await expect(page.getByRole("link", { name: "Open Requests History" })).toHaveAttribute("href", "/my-work?tab=history");
    await expectAccessible(page);

    // Bob's approvals as seeded again: manage.e2e.ts expects him to decide them all.
    await bobRejects(request, "Activate a persona: Customer (company:acme) for Carol White");
  } finally {
    await bob.context().close();
  }
});

test("@narrow the Invitations screen on a phone, dark: readable, accessible, Resend reachable", async ({ browser, request, problems }) => {
  const waiting = await prepare(request, { scope: "company:acme" });
  const context = await browser.newContext({ viewport: { width: 400, height: 800 }, colorScheme: "dark" });
  const bob = await context.newPage();
  watch(bob, problems);
  try {
    await bob.goto("/manage/invitations");
    await bob.getByRole("radio", { name: "just now" }).check();
    await signInAs(bob, BOB);
    await expect(bob.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
    await expect(bob.getByRole("button", { name: /^Resend Customer \(company:acme\)/ }).first()).toBeVisible();
    // Nothing wider than the screen.
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await expectAccessible(bob);
    await shot(bob, "invitations-06-narrow-dark");
  } finally {
    await context.close();
    // Leave nothing waiting in Carol's inbox for the other tests.
    const res = await request.delete(`/me/requests/${waiting.requestId}`, { headers: { Authorization: `Bearer ${await token(request, BOB)}` } });
    expect(res.ok()).toBe(true);
  }
});
