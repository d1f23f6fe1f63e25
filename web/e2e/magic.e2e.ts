import type { APIRequestContext, Page } from "@playwright/test";
import { ALICE, BOB, CAROL, moveClock, prepare, setSettings, token } from "./api";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

// The magic-link page's screens for a link that cannot be used: expired,
// already used, withdrawn (the initiator cancelled its request), decided in
// My Work, and opened by someone else than its recipient; each names what
// happened (the API's details.reason) and the next step. A link a resend
// replaced is in invitations.e2e.ts. The preview and Accept are in the
// story (story.e2e.ts). Bob prepares each link for Alice, so the requests
// these tests leave never share a title with the story's, which are Carol's.

const HISTORY = { name: "Open Requests History", href: "/my-work?tab=history" };
const MY_WORK = { name: "Go to My Work", href: "/my-work" };

/** Alice opens a link signed out: the provider, then back to the link. */
async function openAsAlice(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/oidc\/login/);
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole("heading", { name: "Persona assignment", level: 1 })).toBeVisible();
}

/** A gone link's screen: the reason's title, what happened, the way on, no Accept; accessible. */
async function expectGone(page: Page, title: string, body: RegExp, next: { name: string; href: string }) {
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(body);
  await expect(page.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: next.name })).toHaveAttribute("href", next.href);
  await expectAccessible(page);
}

async function asAlice(request: APIRequestContext) {
  return { headers: { Authorization: `Bearer ${await token(request, ALICE)}` } };
}

async function prepareForAlice(request: APIRequestContext) {
  return prepare(request, { to: ALICE, scope: "company:globex" });
}

test("an expired link says so", async ({ page, request, expectProblem }) => {
  // The shortest validity a tenant can give a link is an hour: prepared with
  // it, the link expires when the local server's clock moves an hour and a
  // minute ahead (POST /dev/clock; the request itself lives two weeks).
  await setSettings(request, { magic_link_ttl_hours: 1 });
  const link = await prepareForAlice(request);
  await setSettings(request, { magic_link_ttl_hours: 168 });
  await moveClock(request, 3660);
  try {
    // GET /magic-links/<token> answers 410 Gone: Chromium logs it.
    expectProblem(/status of 410/);
    await openAsAlice(page, link.path);
    await expectGone(page, "This link has expired", /^A link works for a limited time only\. Ask the person who prepared the persona to send it again/, MY_WORK);
    await shot(page, "magic-01-expired");
  } finally {
    await moveClock(request, 0);
  }
});

test("a link already used says so, and leads to Requests History", async ({ page, request, expectProblem }) => {
  const link = await prepareForAlice(request);
  const accepted = await request.post(`/magic-links/${link.token}/accept`, await asAlice(request));
  expect(accepted.ok()).toBe(true);
  expectProblem(/status of 410/);
  await openAsAlice(page, link.path);
  await expectGone(page, "You already answered this invitation", /^This link was used to accept or reject the request/, HISTORY);
  await shot(page, "magic-02-used");
  await page.getByRole("link", { name: HISTORY.name }).click();
  await expect(page.getByRole("heading", { name: "My Work", level: 1 })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Requests History" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel").getByText(link.title).first()).toBeVisible();
});

test("a link whose request was withdrawn says so", async ({ page, request, expectProblem }) => {
  // Bob, who prepared it, deletes the request (Delete in his Requests Follow Up).
  const link = await prepareForAlice(request);
  const withdrawn = await request.delete(`/me/requests/${link.requestId}`, { headers: { Authorization: `Bearer ${await token(request, BOB)}` } });
  expect(withdrawn.ok()).toBe(true);
  expectProblem(/status of 410/);
  await openAsAlice(page, link.path);
  await expectGone(page, "This invitation was withdrawn", /^The person who prepared the persona withdrew it/, HISTORY);
  await shot(page, "magic-03-withdrawn");
});

test("a link whose request was decided in My Work says so", async ({ page, request, expectProblem }) => {
  // Alice rejects it in My Work (so no activation waits for Bob afterwards), then opens the e-mail's link.
  const link = await prepareForAlice(request);
  const rejected = await request.post(`/me/requests/${link.requestId}/reject`, { ...(await asAlice(request)), data: {} });
  expect(rejected.ok()).toBe(true);
  expectProblem(/status of 410/);
  await openAsAlice(page, link.path);
  await expectGone(page, "This request was already decided", /You can see the outcome in My Work, under Requests History\.$/, HISTORY);
  await shot(page, "magic-05-decided");
});

test("a link opened by someone else than its recipient says who is signed in, and offers to sign out", async ({ page, request, expectProblem }) => {
  // The API answers 404 to anyone but the link's subject: it never tells a stranger the link exists.
  const link = await prepareForAlice(request);
  expectProblem(/status of 404/);
  await page.goto(link.path);
  await signInAs(page, CAROL);
  await expect(page).toHaveURL(new RegExp(`${link.path}$`));
  await expect(page.getByRole("heading", { name: "This link is not for this account", level: 2 })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(
    "You are signed in as Carol White (carol@globex.test); this link may be for someone else — sign out and sign in as the recipient.",
  );
  await expect(page.getByText("Alice")).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "magic-04-not-for-you");

  // Signing out leads to the provider, where the recipient can sign in.
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/oidc\/login/);
});
