import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

const BOB = "bob@acme.test";

test("Bob switches his active persona to the admin persona through step-up", async ({ page, expectProblem }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/oidc\/login/);
  await page.getByRole("radio", { name: "60 minutes ago" }).check();
  await expectAccessible(page);
  await signInAs(page, BOB);
  await expect(page).toHaveURL(/\/account/);
  const switcher = page.getByTestId("active-persona");
  await expect(switcher).toBeVisible();
  await expect(switcher).not.toContainText("Customer admin");
  await expectAccessible(page);
  await shot(page, "switch-01-signed-in");

  // The masthead's switcher lists his active personas.
  await switcher.click();
  const choices = page.getByRole("listbox", { name: "Switch the active persona" });
  await expect(choices).toBeVisible();
  const admin = choices.getByRole("option", { name: /^Customer admin/ });
  await expect(admin).toBeVisible();
  await expectAccessible(page);
  await shot(page, "switch-02-open");

  // The admin persona demands an authentication younger than 300 s: the API
  // answers 401 step_up_required (Chromium logs the 401 as a console error),
  // and the portal signs in again with max_age; the provider says why.
  expectProblem(/status of 401/);
  await admin.click();
  await expect(page).toHaveURL(/\/oidc\/login/);
  await expect(page.locator("#maxage")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "switch-03-provider");
  await signInAs(page, BOB);

  // Back in the portal the choice is made again, now with a fresh authentication.
  await expect(page).not.toHaveURL(/\/oidc\//);
  await expect(page.getByTestId("active-persona")).toContainText("Active persona: Customer admin");
  await expectAccessible(page);
  await shot(page, "switch-04-active");

  // The switcher checks the admin persona.
  await page.getByTestId("active-persona").click();
  await expect(page.getByRole("listbox", { name: "Switch the active persona" }).getByRole("option", { name: /^Customer admin/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);
});
