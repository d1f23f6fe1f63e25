import { ALICE } from "./api";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

// The story (story.e2e.ts) runs on a desktop; the narrow project runs this at 400×800.

test("the portal works on a narrow screen @narrow", async ({ page }) => {
  await page.goto("/account/personas");
  await signInAs(page, ALICE);
  await expect(page).toHaveURL(/\/account\/personas$/);
  await expect(page.getByRole("list", { name: "Your personas" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "06-narrow");
});
