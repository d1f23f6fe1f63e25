import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi, type Recorded } from "../test/api";
import { ALICE_ID, persona } from "../test/fixtures";

const ALICE = { id: ALICE_ID, display_name: "Alice Purple", email: "alice@acme.test" };
const CAROL = { id: "0193a0c0-0000-7000-8000-000000000003", display_name: "Carol Blue", email: "carol@acme.test" };
const BOB = { id: "0193a0c0-0000-7000-8000-000000000002", display_name: "", email: "bob@acme.test" };
const delegation = (over: Record<string, unknown>) => ({
  id: "0193a0c0-0000-7000-8000-0000000000d1",
  persona_id: "0193a0c0-0000-7000-8000-0000000000a2",
  persona_type: "staff",
  from_user: ALICE,
  to_user: CAROL,
  valid_from: "2026-11-01T00:00:00Z",
  valid_until: "2026-12-31T00:00:00Z",
  status: "active",
  created_at: "2026-11-01T00:00:00Z",
  ...over,
});
const GRANTED = delegation({});
const ENDED = delegation({ id: "0193a0c0-0000-7000-8000-0000000000d2", persona_type: "customer", status: "expired" });
const RECEIVED = delegation({ id: "0193a0c0-0000-7000-8000-0000000000d3", persona_type: "auditor", from_user: BOB, to_user: ALICE, status: "scheduled" });
const list = (...items: unknown[]) => json(200, { items, next_cursor: null });
const byDirection = (granted: () => Response, received: () => Response) => (c: Recorded) =>
  c.search?.includes("direction=granted") ? granted() : received();

describe("My loans", () => {
  it("lists the delegations granted, with Revoke while they run, and received", async () => {
    renderApp(
      "/account/personas",
      stubApi({ "GET /me/personas": list(persona()), "GET /me/delegations": byDirection(() => list(GRANTED, ENDED), () => list(RECEIVED)) }),
    );
    const granted = await screen.findByRole("grid", { name: "Lent by me" });
    const rows = within(granted).getAllByRole("row").slice(1);
    expect(within(rows[0]!).getByText("Carol Blue")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Staff")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Nov 1, 2026 to Dec 31, 2026")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Active")).toBeInTheDocument();
    expect(within(rows[0]!).getByRole("button", { name: "Revoke Staff lent to Carol Blue" })).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Expired")).toBeInTheDocument();
    expect(within(rows[1]!).queryByRole("button")).not.toBeInTheDocument();

    const received = screen.getByRole("grid", { name: "Lent to me" });
    expect(within(received).getByText("bob@acme.test")).toBeInTheDocument();
    expect(within(received).getByText("Auditor")).toBeInTheDocument();
    expect(within(received).getByText("Scheduled")).toBeInTheDocument();
    expect(within(received).queryByRole("button")).not.toBeInTheDocument();
  });

  it("revokes after a confirmation", async () => {
    const user = userEvent.setup();
    let revoked = false;
    const api = stubApi({
      "GET /me/personas": list(persona()),
      "GET /me/delegations": byDirection(() => (revoked ? list({ ...GRANTED, status: "revoked" }) : list(GRANTED)), () => list()),
      [`DELETE /me/delegations/${GRANTED.id}`]: () => {
        revoked = true;
        return json(200, { ...GRANTED, status: "revoked" });
      },
    });
    renderApp("/account/personas", api);
    await user.click(await screen.findByRole("button", { name: "Revoke Staff lent to Carol Blue" }));
    const dialog = await screen.findByRole("dialog", { name: /Revoke this delegation\?/ });
    expect(within(dialog).getByText("Carol Blue will no longer be able to use your Staff persona.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE /me/delegations/${GRANTED.id}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));

    expect(await screen.findByText("The delegation is revoked.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE /me/delegations/${GRANTED.id}`)).toHaveLength(1);
    expect(await screen.findByText("Revoked")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Revoke Staff lent to Carol Blue" })).not.toBeInTheDocument();
    expect(screen.getByText("No persona is lent to you.")).toBeInTheDocument();
  });

  it("keeps the delegation when the confirmation is cancelled, and shows the API's message when revoking fails", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/personas": list(persona()),
      "GET /me/delegations": byDirection(() => list(GRANTED), () => list()),
      [`DELETE /me/delegations/${GRANTED.id}`]: apiError(409, "conflict", "the delegation has already ended"),
    });
    renderApp("/account/personas", api);
    await user.click(await screen.findByRole("button", { name: "Revoke Staff lent to Carol Blue" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(api.callsTo(`DELETE /me/delegations/${GRANTED.id}`)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Revoke Staff lent to Carol Blue" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("the delegation has already ended")).toBeInTheDocument();
  });
});
