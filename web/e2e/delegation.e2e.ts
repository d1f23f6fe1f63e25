import { ALICE, BOB, dayAhead, token } from "./api";
import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";

// Lending through the Delegate persona dialog is part of the story
// (story.e2e.ts); this is the rest of a loan's life: the recipient holds the
// persona and its application until the owner revokes it.

test("a lent persona gives its application to the recipient until the owner revokes it", async ({ page, browser, request, problems }) => {
  // Alice lends her staff persona to Bob for a week, through the API.
  const alice = await token(request, ALICE);
  const mine = await request.get("/me/personas", { headers: { Authorization: `Bearer ${alice}` } });
  const staffId = ((await mine.json()) as { items: { id: string; type: string; delegation: unknown }[] }).items.find(
    (p) => p.type === "staff" && p.delegation === null,
  )!.id;
  const lent = await request.post(`/me/personas/${staffId}/delegations`, {
    headers: { Authorization: `Bearer ${alice}` },
    data: { to_email: BOB, valid_until: `${dayAhead(7)}T00:00:00Z` },
  });
  expect(lent.status()).toBe(201);

  // Alice's loans list it.
  await page.goto("/account/personas");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/personas$/);
  // PatternFly's table is a grid (its rows collapse on a narrow screen).
  const loan = page.getByRole("region", { name: "My loans" }).getByRole("grid", { name: "Lent by me" }).getByRole("row", { name: /Bob Green/ });
  await expect(loan).toContainText("Staff");
  await expect(loan).toContainText("Active");
  await expectAccessible(page);
  await shot(page, "lend-01-loans");

  const bobContext = await browser.newContext();
  try {
    // Bob, in his own browser: the lent tile, and Intranet through it.
    const bob = await bobContext.newPage();
    watch(bob, problems);
    await bob.goto("/account/personas");
    await signInAs(bob, BOB);
    await expect(bob).toHaveURL(/\/account\/personas$/);
    const lentStaff = bob.getByRole("article", { name: "Staff" });
    await expect(lentStaff).toContainText("Lent by Alice Purple");
    // A lent persona is not his to lend or to prefer.
    await expect(lentStaff.getByRole("button", { name: /^Delegate|as preferred$/ })).toHaveCount(0);
    await expect(bob.getByRole("region", { name: "My loans" }).getByRole("grid", { name: "Lent to me" })).toContainText("Alice Purple");
    await expectAccessible(bob);
    await shot(bob, "lend-02-recipient-personas");

    await bob.getByRole("link", { name: "Applications" }).click();
    await expect(bob).toHaveURL(/\/applications$/);
    const intranet = bob.getByRole("article", { name: "Intranet" });
    await expect(intranet.getByText("Staff", { exact: true })).toBeVisible();
    await expectAccessible(bob);
    await shot(bob, "lend-03-recipient-applications");

    // Alice revokes the loan, after a confirmation.
    await loan.getByRole("button", { name: "Revoke Staff lent to Bob Green" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke this delegation?" });
    await expect(confirm).toContainText("Bob Green will no longer be able to use your Staff persona.");
    await expectAccessible(page);
    await shot(page, "lend-04-confirm");
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("The delegation is revoked.")).toBeVisible();
    await expect(loan).toContainText("Revoked");
    await expect(loan.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, "lend-05-revoked");

    // Bob's Applications, reloaded, no longer show Intranet.
    await bob.reload();
    await expect(bob.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    await expect(bob.getByRole("article").first()).toBeVisible();
    await expect(bob.getByRole("article", { name: "Intranet" })).toHaveCount(0);
    await expectAccessible(bob);
    await shot(bob, "lend-06-recipient-after");
  } finally {
    await bobContext.close();
  }
});
