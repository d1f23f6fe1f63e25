import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";

const ALICE = "alice@acme.test";
const CAROL = "carol@globex.test";

/** yyyy-mm-dd, days from today (UTC, as the date field and the API read it). */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("Alice lends her staff persona to Carol, who gets its application, until Alice revokes it", async ({ page, browser, problems }) => {
  // Alice, on My Account > Personas.
  await page.goto("/account/personas");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/personas$/);
  const staff = page.getByRole("article", { name: "Staff" });
  await expect(staff).toBeVisible();
  await expectAccessible(page);
  await shot(page, "lend-01-personas");

  // Delegate persona on the Staff tile: To whom? How long?
  await staff.getByRole("button", { name: "Delegate Staff" }).click();
  const dialog = page.getByRole("dialog", { name: "Delegate persona: Staff" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("textbox", { name: /To whom\?/ }).fill(CAROL);
  await expect(dialog.getByRole("group", { name: "How long?" })).toBeVisible();
  await dialog.getByLabel(/^Until/).fill(dayAhead(7));
  await shot(page, "lend-02-dialog");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(`Your persona is delegated to ${CAROL}.`)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "lend-03-delegated");
  // The footer's Close (the header's × is named Close too).
  await dialog.getByRole("contentinfo").getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  // The loan appears among hers.
  // PatternFly's table is a grid (its rows collapse on a narrow screen).
  const lent = page.getByRole("region", { name: "My loans" }).getByRole("grid", { name: "Lent by me" });
  const loan = lent.getByRole("row", { name: /Carol White/ });
  await expect(loan).toBeVisible();
  await expect(loan).toContainText("Staff");
  await expect(loan).toContainText("Active");
  await expectAccessible(page);
  await shot(page, "lend-04-loans");

  // Carol, in her own browser: Applications shows Intranet through the lent staff persona.
  const carolContext = await browser.newContext();
  try {
    const carol = await carolContext.newPage();
    watch(carol, problems);
    await carol.goto("/account/personas");
    await signInAs(carol, CAROL);
    await expect(carol).toHaveURL(/\/account\/personas$/);
    const lentStaff = carol.getByRole("article", { name: "Staff" });
    await expect(lentStaff).toContainText("Lent by Alice Purple");
    await expectAccessible(carol);
    await shot(carol, "lend-05-carol-personas");

    await carol.getByRole("link", { name: "Applications" }).click();
    await expect(carol).toHaveURL(/\/applications$/);
    const intranet = carol.getByRole("article", { name: "Intranet" });
    await expect(intranet).toBeVisible();
    await expect(intranet.getByText("Staff", { exact: true })).toBeVisible();
    await expectAccessible(carol);
    await shot(carol, "lend-06-carol-applications");

    // Alice revokes the loan, after a confirmation.
    await loan.getByRole("button", { name: "Revoke Staff lent to Carol White" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke this delegation?" });
    await expect(confirm).toContainText("Carol White will no longer be able to use your Staff persona.");
    await expectAccessible(page);
    await shot(page, "lend-07-confirm");
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("The delegation is revoked.")).toBeVisible();
    await expect(loan).toContainText("Revoked");
    await expect(loan.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, "lend-08-revoked");

    // Carol's Applications, reloaded, no longer show Intranet.
    await carol.reload();
    await expect(carol.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    await expect(carol.getByRole("article", { name: "Intranet" })).toHaveCount(0);
    await expectAccessible(carol);
    await shot(carol, "lend-09-carol-after");
  } finally {
    await carolContext.close();
  }
});
