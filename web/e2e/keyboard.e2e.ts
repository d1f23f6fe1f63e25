import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { ALICE, prepare, token } from "./api";
import { expect, expectAccessible, shot, signInAs, test } from "./fixtures";

// Alice's main actions without the mouse: Tab, Shift+Tab, Enter, Space,
// Escape and the arrow keys only, from the skip link to My Work. Each stop
// is asserted focused and drawn as focused (:focus-visible, with an outline
// or a shadow). Signing in at the development provider is not the
// portal's page and is done as elsewhere.

/** Presses Tab (Shift+Tab backwards) until target has the focus; fails after max presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expectFocusVisible(target);
}

/** Focused, and showing it. */
async function expectFocusVisible(target: Locator) {
  await expect(target).toBeFocused();
  const drawn = await target.evaluate((e) => {
    const s = getComputedStyle(e);
    return e.matches(":focus-visible") && ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none");
  });
  expect(drawn, "the focus is drawn").toBe(true);
}

/** Alice's preferred persona, by type (PUT /me/preferred-persona). */
async function prefer(request: APIRequestContext, type: string) {
  const alice = await token(request, ALICE);
  const headers = { Authorization: `Bearer ${alice}` };
  const items = ((await (await request.get("/me/personas", { headers })).json()) as { items: { id: string; type: string; delegation: unknown }[] }).items;
  const id = items.find((p) => p.type === type && p.delegation === null)!.id;
  expect((await request.put("/me/preferred-persona", { headers, data: { persona_id: id } })).ok()).toBe(true);
}

test("Alice's main actions with the keyboard only", async ({ page, request }) => {
  test.setTimeout(90_000);
  // Customer is preferred, as seeded; a request waits in her Requests Approval.
  await prefer(request, "customer");
  const waiting = await prepare(request, { to: ALICE, scope: "company:globex" });
  try {
    await page.goto("/account/personas");
    await signInAs(page, ALICE);
    await expect(page).toHaveURL(/\/account\/personas$/);
    const staff = page.getByRole("article", { name: "Staff" });
    await expect(staff).toBeVisible();

    // The first Tab reaches the skip link, which shows; Enter moves into the main content.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expectFocusVisible(skip);
    await expect(skip).toBeInViewport();
    await expectAccessible(page);
    await shot(page, "kbd-01-skip-link");
    await page.keyboard.press("Enter");
    await expect(page.locator("#main-content")).toBeFocused();

    // The star shows on keyboard focus; Space sets the persona preferred.
    const star = staff.getByRole("button", { name: "Set Staff as preferred" });
    await expect(star).toHaveCSS("opacity", "0");
    await tabTo(page, star);
    await expect(star).toHaveCSS("opacity", "1");
    await shot(page, "kbd-02-star-focused");
    await page.keyboard.press("Space");
    await expect(page.getByText("Your persona is successfully set as preferred.")).toBeVisible();
    const preferred = staff.getByRole("button", { name: "Staff is your preferred persona" });
    await expect(preferred).toHaveAttribute("aria-pressed", "true");
    await expectFocusVisible(preferred);
    await expectAccessible(page);

    // The eye opens the assignment details; Back to Personas returns.
    await tabTo(page, staff.getByRole("button", { name: "See the assignment details of Staff" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account\/personas\/[^/]+$/);
    await expect(page.getByRole("region", { name: "Assignment details" })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "kbd-03-details");
    await tabTo(page, page.getByRole("button", { name: "Back to Personas" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account\/personas$/);

    // Delegate persona: the dialog takes the focus; Escape closes it, and
    // so does Cancel; each time the focus comes back to the button.
    const delegate = staff.getByRole("button", { name: "Delegate Staff" });
    await tabTo(page, delegate);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Delegate persona: Staff" });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(":focus")).toHaveCount(1);
    await expectAccessible(page);
    await shot(page, "kbd-04-dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expectFocusVisible(delegate);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole("textbox", { name: /To whom\?/ }), { max: 5 });
    await tabTo(page, dialog.getByRole("button", { name: "Cancel" }), { max: 10 });
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expectFocusVisible(delegate);

    // The masthead's switcher, backwards from there: Enter opens it, the
    // arrows walk the personas, Enter picks one, the focus returns to it.
    const switcher = page.getByTestId("active-persona");
    await expect(switcher).toContainText("Active persona: Staff");
    await tabTo(page, switcher, { backwards: true });
    await page.keyboard.press("Enter");
    const choices = page.getByRole("listbox", { name: "Switch the active persona" });
    await expect(choices).toBeVisible();
    const customer = choices.getByRole("option", { name: /^Customer/ });
    const onCustomer = () => customer.evaluate((e) => e.contains(document.activeElement));
    for (let i = 0; i < 5 && !(await onCustomer()); i++) await page.keyboard.press("ArrowDown");
    expect(await onCustomer(), "the arrows reach Customer").toBe(true);
    await expectAccessible(page);
    await shot(page, "kbd-05-switcher");
    await page.keyboard.press("Enter");
    await expect(choices).toHaveCount(0);
    await expect(switcher).toContainText("Active persona: Customer · company:acme");
    // The toggle is disabled while the choice is saved, which drops the
    // focus (reported); the browser still goes on from it: the next Tab
    // reaches the language switch beside it.
    await page.keyboard.press("Tab");
    await expectFocusVisible(page.getByRole("combobox", { name: "Language" }));

    // My Work from the navigation; View opens the request, Escape closes it.
    await tabTo(page, page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My Work" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/my-work$/);
    await expect(page.getByRole("tab", { name: "Requests Approval" })).toHaveAttribute("aria-selected", "true");
    const view = page.getByRole("button", { name: `View ${waiting.title}` }).first();
    await tabTo(page, view);
    await page.keyboard.press("Enter");
    const details = page.getByRole("dialog", { name: "Request details" });
    await expect(details).toContainText("Bob Green");
    await expect(details.locator(":focus")).toHaveCount(1);
    await expectAccessible(page);
    await shot(page, "kbd-06-view");
    await page.keyboard.press("Escape");
    await expect(details).toHaveCount(0);
    await expectFocusVisible(view);
  } finally {
    await prefer(request, "customer");
  }
});
