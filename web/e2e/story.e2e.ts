import { activationTitle, ALICE, BOB, CAROL, dayAhead, literally, nextMail, outbox, prepare } from "./api";
import { expect, expectAccessible, shot, signInAs, test, watch } from "./fixtures";

// The guide's story, end to end, on a fresh local server: Alice signs in,
// edits her account, sets a preferred persona, views its details, switches
// the active persona through step-up and lends her staff persona to Carol;
// an invitation prepared for Carol (through the API until the admin screens
// exist) reaches her by e-mail; she opens the link from the local outbox,
// signs in and accepts; Bob, the admin, approves in Requests Approval; Carol
// sees the new application. Every page visited is checked with axe, and the
// fixtures fail the test on any console error or failed request.

test("the guide's story: Alice's account, a switch through step-up, a loan to Carol; Carol's invitation by e-mail, accepted, approved by Bob", async ({
  page,
  browser,
  request,
  problems,
  expectProblem,
}) => {
  test.setTimeout(120_000);

  // Alice signs in. She authenticated an hour ago: her signatory persona, a
  // mandate to sign for her company, will ask for a fresh sign-in.
  await page.goto("/account/general");
  await expect(page).toHaveURL(/\/oidc\/login/);
  await page.getByRole("radio", { name: "60 minutes ago" }).check();
  await expectAccessible(page);
  await shot(page, "story-01-provider");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/general$/);

  // My Account > General: edit, Save.
  await expect(page.getByLabel("First name")).toHaveValue("Alice");
  await expectAccessible(page);
  await page.getByLabel("Display name").fill("Alice P.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Successfully edited your general information.")).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("Alice P.");
  await expectAccessible(page);
  await shot(page, "story-02-general-saved");

  // My Account > Personas: the star makes Staff preferred, which makes it the active persona.
  await page.getByRole("tab", { name: "Personas" }).click();
  await expect(page).toHaveURL(/\/account\/personas$/);
  const staff = page.getByRole("article", { name: "Staff" });
  await expect(staff).toBeVisible();
  await expect(page.getByRole("button", { name: "Customer is your preferred persona" })).toBeVisible();
  await expectAccessible(page);
  await staff.getByRole("button", { name: "Set Staff as preferred" }).click();
  await expect(page.getByText("Your persona is successfully set as preferred.")).toBeVisible();
  await expect(staff.getByRole("button", { name: "Staff is your preferred persona" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Set Customer as preferred" })).toBeVisible();
  const switcher = page.getByTestId("active-persona");
  await expect(switcher).toContainText("Active persona: Staff · dept:engineering");
  await expectAccessible(page);
  await shot(page, "story-03-preferred");

  // The eye: the assignment details.
  await staff.getByRole("button", { name: "See the assignment details of Staff" }).click();
  await expect(page).toHaveURL(/\/account\/personas\/[^/]+$/);
  const details = page.getByRole("region", { name: "Assignment details" });
  await expect(details.getByRole("heading", { name: "Staff" })).toBeVisible();
  await expect(details).toContainText("dept:engineering");
  await expect(details).toContainText("intranet:access");
  await expect(details).toContainText("Accepted");
  await expect(details).toContainText(ALICE);
  await expectAccessible(page);
  await shot(page, "story-04-details");
  await page.getByRole("button", { name: "Back to Personas" }).click();
  await expect(page).toHaveURL(/\/account\/personas$/);

  // The masthead's switcher: Signatory demands an authentication younger
  // than 300 s. The API answers 401 step_up_required (Chromium logs it), the
  // portal signs in again with max_age, and the provider says why.
  await switcher.click();
  const choices = page.getByRole("listbox", { name: "Switch the active persona" });
  await expect(choices.getByRole("option")).toHaveCount(3);
  await expect(choices.getByRole("option", { name: /^Staff/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);
  await shot(page, "story-05-switcher");
  expectProblem(/status of 401/);
  await choices.getByRole("option", { name: /^Signatory/ }).click();
  await expect(page).toHaveURL(/\/oidc\/login/);
  await expect(page.locator("#maxage")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "story-06-step-up");
  await signInAs(page, ALICE);

  // Back where she was, the choice made again with the fresh authentication.
  await expect(page).toHaveURL(/\/account\/personas$/);
  await expect(switcher).toContainText("Active persona: Signatory · company:acme");
  await switcher.click();
  await expect(choices.getByRole("option", { name: /^Signatory/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(choices).toHaveCount(0);
  await shot(page, "story-07-switched");

  // Delegate persona on the Staff tile: To whom? How long?
  await staff.getByRole("button", { name: "Delegate Staff" }).click();
  const lend = page.getByRole("dialog", { name: "Delegate persona: Staff" });
  await expect(lend).toBeVisible();
  await expectAccessible(page);
  await lend.getByRole("textbox", { name: /To whom\?/ }).fill(CAROL);
  await expect(lend.getByRole("group", { name: "How long?" })).toBeVisible();
  await lend.getByLabel(/^Until/).fill(dayAhead(7));
  await shot(page, "story-08-delegate");
  await lend.getByRole("button", { name: "Save" }).click();
  await expect(lend.getByText(`Your persona is delegated to ${CAROL}.`)).toBeVisible();
  await expectAccessible(page);
  // The footer's Close (the header's × is named Close too).
  await lend.getByRole("contentinfo").getByRole("button", { name: "Close" }).click();
  await expect(lend).toHaveCount(0);
  // PatternFly's table is a grid (its rows collapse on a narrow screen).
  const loan = page.getByRole("region", { name: "My loans" }).getByRole("grid", { name: "Lent by me" }).getByRole("row", { name: /Carol White/ });
  await expect(loan).toContainText("Staff");
  await expect(loan).toContainText("Active");
  await expectAccessible(page);
  await shot(page, "story-09-lent");

  // Bob prepares a customer persona for Carol; the e-mail reaches her (the
  // local server's send-email job runs every second).
  const before = await outbox(request, CAROL);
  const prepared = await prepare(request, { scope: "company:globex", sendEmail: true });
  const mail = await nextMail(request, CAROL, before, literally(prepared.path));
  expect(mail.subject).toMatch(/^A persona is waiting for you: /);
  const link = mail.text.match(/https?:\/\/\S+\/magic\/[A-Za-z0-9_-]+/)![0];

  const carolContext = await browser.newContext();
  const bobContext = await browser.newContext();
  try {
    // Carol, signed out, opens the link: the provider first, then back to the link.
    const carol = await carolContext.newPage();
    watch(carol, problems);
    await carol.goto(link);
    await expect(carol).toHaveURL(/\/oidc\/login/);
    await expectAccessible(carol);
    await signInAs(carol, CAROL);
    await expect(carol).toHaveURL(link);
    await expect(carol.getByText("Bob Green prepared the persona Customer for Carol White.")).toBeVisible();
    await expect(carol.getByText("Opening this link changed nothing.", { exact: false })).toBeVisible();
    await expect(carol.getByText("company:globex")).toBeVisible();
    await expectAccessible(carol);
    await shot(carol, "story-10-magic-preview");
    await carol.getByRole("button", { name: "Accept" }).click();
    await expect(carol.getByRole("heading", { name: "Request accepted" })).toBeVisible();
    await expect(carol.getByRole("status")).toContainText("waiting for the administrator's approval");
    await expectAccessible(carol);
    await shot(carol, "story-11-magic-accepted");

    // Bob signs in just now (his admin persona demands a recent sign-in) and approves in Requests Approval.
    const bob = await bobContext.newPage();
    watch(bob, problems);
    await bob.goto("/my-work");
    await expect(bob.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await bob.getByRole("radio", { name: "just now" }).check();
    await signInAs(bob, BOB);
    await expect(bob).toHaveURL(/\/my-work/);
    await bob.getByRole("tab", { name: "Requests Approval" }).click();
    const activation = activationTitle(prepared);
    const row = bob.getByRole("row", { name: literally(activation) });
    await expect(row).toBeVisible();
    await expectAccessible(bob);
    await shot(bob, "story-12-bob-approval");
    await bob.getByRole("button", { name: `Accept ${activation}` }).click();
    const confirm = bob.getByRole("dialog", { name: "Accept this request?" });
    await expect(confirm).toContainText("Carol White");
    await expectAccessible(bob);
    await confirm.getByRole("button", { name: "Accept" }).click();
    await expect(bob.getByText(`You accepted “${activation}”.`)).toBeVisible();
    await expect(row).toHaveCount(0);
    await expectAccessible(bob);
    await shot(bob, "story-13-bob-accepted");

    // Carol sees the new application (Order Desk, through the customer
    // persona just approved) beside Intranet, through Alice's staff persona.
    await carol.getByRole("link", { name: "Applications" }).click();
    await expect(carol).toHaveURL(/\/applications$/);
    const orderDesk = carol.getByRole("article", { name: "Order Desk" });
    await expect(orderDesk.getByText("Customer", { exact: true })).toBeVisible();
    await expect(carol.getByRole("article", { name: "Intranet" }).getByText("Staff", { exact: true })).toBeVisible();
    await expectAccessible(carol);
    await shot(carol, "story-14-carol-applications");
  } finally {
    await carolContext.close();
    await bobContext.close();
  }

  // Signing out ends the provider's session too: the next visit asks again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/oidc\/login/);
});
