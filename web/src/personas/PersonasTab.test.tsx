import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { persona } from "../test/fixtures";

const CUSTOMER = persona({ preferred: true });
const STAFF = persona({
  id: "0193a0c0-0000-7000-8000-0000000000a2",
  type: "staff",
  scope: ["dept:sales", "site:brussels"],
  valid_until: "2027-06-30T00:00:00Z",
});
const PENDING = persona({
  id: "0193a0c0-0000-7000-8000-0000000000a3",
  type: "customer-admin",
  active: false,
  status: { value: "pending", changed_at: "2026-11-20T08:00:00Z", changed_by: "system:import" },
});
const LENT = persona({
  id: "0193a0c0-0000-7000-8000-0000000000a4",
  type: "auditor",
  user_id: "0193a0c0-0000-7000-8000-000000000002",
  delegation: {
    id: "0193a0c0-0000-7000-8000-0000000000d1",
    from_user: { id: "0193a0c0-0000-7000-8000-000000000002", display_name: "Bob Green", email: "bob@acme.test" },
    valid_until: "2026-12-31T00:00:00Z",
  },
});

const list = (...items: unknown[]) => json(200, { items, next_cursor: null });

describe("My Account > Personas", () => {
  it("shows a tile per persona with its scope, status, validity and who lent it", async () => {
    renderApp("/account/personas", stubApi({ "GET /me/personas": list(CUSTOMER, STAFF, PENDING, LENT) }));
    const tiles = await screen.findAllByRole("article");
    expect(tiles.map((t) => within(t).getByRole("heading").textContent)).toEqual(["Customer", "Staff", "Customer admin", "Auditor"]);

    const staff = tiles[1]!;
    expect(within(staff).getByText("dept:sales")).toBeInTheDocument();
    expect(within(staff).getByText("site:brussels")).toBeInTheDocument();
    expect(within(staff).getByText("Accepted")).toBeInTheDocument();
    expect(within(staff).getByText(/to Jun 30, 2027/)).toBeInTheDocument();
    expect(within(tiles[2]!).getByText("Pending")).toBeInTheDocument();
    expect(within(tiles[0]!).getByText("From Jan 1, 2026, no end date")).toBeInTheDocument();
    expect(within(tiles[3]!).getByText("Lent by Bob Green until Dec 31, 2026")).toBeInTheDocument();
  });

  it("marks the preferred persona's star pressed, and offers the star only where the API allows it", async () => {
    renderApp("/account/personas", stubApi({ "GET /me/personas": list(CUSTOMER, STAFF, PENDING, LENT) }));
    expect(await screen.findByRole("button", { name: "Customer is your preferred persona" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Set Staff as preferred" })).toHaveAttribute("aria-pressed", "false");
    // Not active, or lent: never preferred.
    expect(screen.queryByRole("button", { name: "Set Customer admin as preferred" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Set Auditor as preferred" })).not.toBeInTheDocument();
  });

  it("sets a persona as preferred with the star, then shows the list as the API now has it", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/personas": [list(CUSTOMER, STAFF), list({ ...CUSTOMER, preferred: false }, { ...STAFF, preferred: true })],
      "PUT /me/preferred-persona": json(200, { ...STAFF, preferred: true }),
    });
    renderApp("/account/personas", api);
    await user.click(await screen.findByRole("button", { name: "Set Staff as preferred" }));

    expect(await screen.findByText("Your persona is successfully set as preferred.")).toBeInTheDocument();
    expect(api.callsTo("PUT /me/preferred-persona")).toEqual([
      { method: "PUT", path: "/me/preferred-persona", authorization: "Bearer test-token", body: { persona_id: STAFF.id } },
    ]);
    expect(await screen.findByRole("button", { name: "Staff is your preferred persona" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Set Customer as preferred" })).toHaveAttribute("aria-pressed", "false");
  });

  it("shows the API's message when the star fails", async () => {
    const user = userEvent.setup();
    renderApp(
      "/account/personas",
      stubApi({
        "GET /me/personas": list(CUSTOMER, STAFF),
        "PUT /me/preferred-persona": apiError(409, "conflict", "the persona is no longer active"),
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Set Staff as preferred" }));
    expect(await screen.findByText("the persona is no longer active")).toBeInTheDocument();
  });

  it("says so when there is no persona", async () => {
    renderApp("/account/personas", stubApi({ "GET /me/personas": list() }));
    expect(await screen.findByRole("heading", { name: "No personas" })).toBeInTheDocument();
  });

  it("follows next_cursor to the last page", async () => {
    const api = stubApi({
      "GET /me/personas": [json(200, { items: [CUSTOMER], next_cursor: "c1" }), list(STAFF)],
    });
    renderApp("/account/personas", api);
    expect(await screen.findByRole("heading", { name: "Staff" })).toBeInTheDocument();
    expect(api.callsTo("GET /me/personas")).toHaveLength(2);
  });

  it("opens the assignment details with the eye button", async () => {
    const user = userEvent.setup();
    const detailed = { ...STAFF, entitlements: ["orders:read", "orders:write"], attributes: { cost_center: "CC-42" }, email: "alice.sales@acme.test" };
    renderApp(
      "/account/personas",
      stubApi({
        "GET /me/personas": list(CUSTOMER, STAFF),
        [`GET /me/personas/${STAFF.id}`]: json(200, detailed),
      }),
    );
    await user.click(await screen.findByRole("button", { name: "See the assignment details of Staff" }));

    const details = await screen.findByRole("region", { name: "Assignment details" });
    expect(within(details).getByText("orders:write")).toBeInTheDocument();
    expect(within(details).getByText("alice.sales@acme.test")).toBeInTheDocument();
    expect(within(details).getByText("CC-42")).toBeInTheDocument();
    expect(within(details).getByText(/Changed .* by the system \(import\)/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to Personas" }));
    expect(await screen.findAllByRole("article")).toHaveLength(2);
  });
});
