import type { APIRequestContext } from "@playwright/test";
import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";

const BOB = "bob@acme.test";
const CAROL = "carol@globex.test";

/** A token from the local issuer, as the README's walkthrough gets one. */
async function login(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/dev/login", { data: { email, tenant: "demo" } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Bob prepares a persona for Carol through the API; answers the /magic/… path of the link e-mailed to her. */
async function prepareForCarol(request: APIRequestContext, scope: string): Promise<string> {
  const bob = await login(request, BOB);
  const before = await outbox(request);
  const res = await request.post("/persona-invitations", {
    headers: { Authorization: `Bearer ${bob}` },
    data: { type: "customer", scope: [scope], user_email: CAROL, send_email: true },
  });
  expect(res.status()).toBe(201);
  // The e-mail is queued, then sent by the local server's scheduled job (every second).
  let text = "";
  await expect
    .poll(async () => {
      const items = await outbox(request);
      text = items.length > before.length ? (items[0]?.text ?? "") : "";
      return text;
    })
    .toMatch(/\/magic\/[A-Za-z0-9_-]+/);
  return text.match(/\/magic\/[A-Za-z0-9_-]+/)![0];
}

async function outbox(request: APIRequestContext): Promise<{ subject: string; text: string }[]> {
  const res = await request.get(`/dev/outbox?to=${encodeURIComponent(CAROL)}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: { subject: string; text: string }[] }).items;
}

test("the approval story: Bob prepares a persona, Carol accepts it by the e-mailed link, Bob approves, Carol's application opens", async ({
  page,
  browser,
  request,
  problems,
}) => {
  const link = await prepareForCarol(request, "company:globex");
  const title = "Activate a persona: Customer (company:globex) for Carol White";

  // Carol, signed out, opens the link: the provider first, then back to the link.
  await page.goto(link);
  await expect(page).toHaveURL(/\/oidc\/login/);
  await signInAs(page, CAROL);
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  await expect(page.getByText("Bob Green prepared the persona Customer for Carol White.")).toBeVisible();
  await expect(page.getByText("company:globex")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "story-01-magic-preview");
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("heading", { name: "Request accepted" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("waiting for the administrator's approval");
  await expectAccessible(page);
  await shot(page, "story-02-magic-accepted");

  // Bob, in his own browser, signs in just now (his admin persona demands a recent sign-in).
  const bobContext = await browser.newContext();
  try {
    const bob = await bobContext.newPage();
    watch(bob, problems);
    await bob.goto("/my-work");
    await expect(bob.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await bob.getByRole("radio", { name: "just now" }).check();
    await signInAs(bob, BOB);
    await expect(bob).toHaveURL(/\/my-work/);
    await bob.getByRole("tab", { name: "Requests Approval" }).click();
    const row = bob.getByRole("row", { name: new RegExp(title.replace(/[()]/g, "\\$&")) });
    await expect(row).toBeVisible();
    await expectAccessible(bob);
    await shot(bob, "story-03-bob-approval");
    await bob.getByRole("button", { name: `Accept ${title}` }).click();
    const dialog = bob.getByRole("dialog", { name: "Accept this request?" });
    await expect(dialog).toBeVisible();
    await expectAccessible(bob);
    await dialog.getByRole("button", { name: "Accept" }).click();
    await expect(bob.getByText(`You accepted “${title}”.`)).toBeVisible();
    await expect(row).toHaveCount(0);
    await expectAccessible(bob);
    await shot(bob, "story-04-bob-accepted");
  } finally {
    await bobContext.close();
  }

  // Carol now holds the persona: Applications shows what it opens.
  await page.getByRole("link", { name: "Applications" }).click();
  await expect(page).toHaveURL(/\/applications$/);
  // Carol had no persona: the one just approved opens Order Desk.
  const orderDesk = page.getByRole("article", { name: "Order Desk" });
  await expect(orderDesk).toBeVisible();
  await expect(orderDesk.getByText("Customer", { exact: true })).toHaveCount(1);
  await expectAccessible(page);
  await shot(page, "story-05-carol-applications");
});
