import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

const ALICE = "alice@acme.test";

test("Alice signs in, edits General, stars a persona and opens its details", async ({ page }) => {
  // Signed out: the portal sends the browser to the provider by itself.
  await page.goto("/account/general");
  await expect(page).toHaveURL(/\/oidc\/login/);
  await shot(page, "01-provider");
  await signInAs(page, ALICE);

  // Back on the page it started from, signed in.
  await expect(page).toHaveURL(/\/account\/general$/);
  await expect(page.getByLabel("First name")).toHaveValue("Alice");
  const displayName = page.getByLabel("Display name");
  await expectAccessible(page);
  await shot(page, "02-general");

  await displayName.fill(`Alice ${Date.now()}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Successfully edited your general information.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "03-general-saved");

  await page.getByRole("tab", { name: "Personas" }).click();
  await expect(page).toHaveURL(/\/account\/personas$/);
  const star = page.getByRole("button", { name: /^Set .+ as preferred$/ }).first();
  await expect(star).toBeVisible();
  await expectAccessible(page);
  const name = (await star.getAttribute("aria-label"))!.replace(/^Set (.+) as preferred$/, "$1");
  await star.click();
  await expect(page.getByText("Your persona is successfully set as preferred.")).toBeVisible();
  await expect(page.getByRole("button", { name: `${name} is your preferred persona` })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "04-personas");

  await page.getByRole("button", { name: `See the assignment details of ${name}` }).click();
  await expect(page).toHaveURL(/\/account\/personas\/[^/]+$/);
  await expect(page.getByRole("region", { name: "Assignment details" })).toBeVisible();
  await expect(page.getByText(ALICE)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "05-details");

  // Signing out ends the provider's session too: the next visit asks again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/oidc\/login/);
});

test("a magic link opened signed out comes back to itself after sign-in", async ({ page }) => {
  await page.goto("/magic/AaIF-unknown-token");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/magic\/AaIF-unknown-token$/);
});

test("the portal works on a narrow screen @narrow", async ({ page }) => {
  await page.goto("/account/personas");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/personas$/);
  await expect(page.getByRole("list", { name: "Your personas" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "06-narrow");
});
