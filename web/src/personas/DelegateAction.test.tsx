import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { persona } from "../test/fixtures";

const STAFF = persona({ id: "0193a0c0-0000-7000-8000-0000000000a2", type: "staff", scope: ["dept:sales"], valid_until: "2027-06-30T00:00:00Z" });
const PENDING = persona({ id: "0193a0c0-0000-7000-8000-0000000000a3", type: "customer-admin", active: false });
const LENT = persona({
  id: "0193a0c0-0000-7000-8000-0000000000a4",
  type: "auditor",
  delegation: {
    id: "0193a0c0-0000-7000-8000-0000000000d1",
    from_user: { id: "0193a0c0-0000-7000-8000-000000000002", display_name: "Bob Green", email: "bob@acme.test" },
    valid_until: "2026-12-31T00:00:00Z",
  },
});
const list = (...items: unknown[]) => json(200, { items, next_cursor: null });
const DELEGATION = {
  id: "0193a0c0-0000-7000-8000-0000000000d9",
  persona_id: STAFF.id,
  persona_type: "staff",
  from_user: { id: STAFF.user_id, display_name: "Alice Purple", email: "alice@acme.test" },
  to_user: { id: "0193a0c0-0000-7000-8000-000000000003", display_name: "Carol Blue", email: "carol@acme.test" },
  valid_from: "2027-01-01T00:00:00Z",
  valid_until: "2027-02-01T00:00:00Z",
  status: "scheduled",
  created_at: "2026-11-24T00:00:00Z",
};

afterEach(() => window.sessionStorage.clear());

async function openModal(api: ReturnType<typeof stubApi>) {
  const user = userEvent.setup();
  renderApp(`/account/personas/${STAFF.id}`, api);
  await user.click(await screen.findByRole("button", { name: "Delegate persona" }));
  return { user, dialog: await screen.findByRole("dialog", { name: "Delegate persona: Staff" }) };
}

describe("Delegate persona", () => {
  it("is offered on own active personas whose definition is delegable only", async () => {
    const signatory = persona({ id: "0193a0c0-0000-7000-8000-0000000000a5", type: "signatory", delegable: false });
    renderApp("/account/personas", stubApi({ "GET /me/personas": list(STAFF, PENDING, LENT, signatory), "GET /me/delegations": list() }));
    expect(await screen.findByRole("button", { name: "Delegate Staff" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delegate Customer admin" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delegate Auditor" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delegate Signatory" })).not.toBeInTheDocument();
  });

  it("asks To whom? and How long?, checks the period, then sends it", async () => {
    const api = stubApi({ [`GET /me/personas/${STAFF.id}`]: json(200, STAFF), [`POST /me/personas/${STAFF.id}/delegations`]: json(201, DELEGATION) });
    const { user, dialog } = await openModal(api);
    await user.type(within(dialog).getByLabelText(/To whom\?/), "carol@acme.test");
    const from = within(dialog).getByLabelText("From");
    const until = within(dialog).getByLabelText(/Until/);
    await user.type(from, "2027-01-01");
    await user.type(until, "2026-12-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByText("The end must come after the start.")).toBeInTheDocument();
    await user.clear(until);
    await user.type(until, "2027-07-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByText("The delegation cannot outlast your persona (2027-06-30).")).toBeInTheDocument();
    expect(api.callsTo(`POST /me/personas/${STAFF.id}/delegations`)).toHaveLength(0);

    await user.clear(until);
    await user.type(until, "2027-02-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Your persona is delegated to carol@acme.test.")).toBeInTheDocument();
    expect(api.callsTo(`POST /me/personas/${STAFF.id}/delegations`).map((c) => c.body)).toEqual([
      { to_email: "carol@acme.test", valid_from: "2027-01-01T00:00:00Z", valid_until: "2027-02-01T00:00:00Z" },
    ]);
  });

  it("puts the API's reasons on the fields", async () => {
    const api = stubApi({
      [`GET /me/personas/${STAFF.id}`]: json(200, STAFF),
      [`POST /me/personas/${STAFF.id}/delegations`]: apiError(400, "invalid_request", "invalid request", { fields: { to_email: "no such user in this tenant" } }),
    });
    const { user, dialog } = await openModal(api);
    await user.type(within(dialog).getByLabelText(/To whom\?/), "nobody@acme.test");
    await user.type(within(dialog).getByLabelText(/Until/), "2027-02-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("no such user in this tenant")).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/To whom\?/)).toHaveAttribute("aria-invalid", "true");
  });

  it("says so when the organisation has not enabled delegation, and hides the action for the session", async () => {
    const api = stubApi({
      [`GET /me/personas/${STAFF.id}`]: json(200, STAFF),
      [`POST /me/personas/${STAFF.id}/delegations`]: apiError(403, "feature_disabled", "persona delegation is not enabled"),
    });
    const { user, dialog } = await openModal(api);
    await user.type(within(dialog).getByLabelText(/To whom\?/), "carol@acme.test");
    await user.type(within(dialog).getByLabelText(/Until/), "2027-02-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Your organisation has not enabled persona delegation.")).toBeInTheDocument();
    await user.click(within(dialog).getAllByRole("button", { name: "Close" }).at(-1)!);
    expect(screen.queryByRole("button", { name: "Delegate persona" })).not.toBeInTheDocument();
  });

  it("says so when the persona cannot be delegated", async () => {
    const api = stubApi({
      [`GET /me/personas/${STAFF.id}`]: json(200, STAFF),
      [`POST /me/personas/${STAFF.id}/delegations`]: apiError(403, "forbidden", "not delegable"),
    });
    const { user, dialog } = await openModal(api);
    await user.type(within(dialog).getByLabelText(/To whom\?/), "carol@acme.test");
    await user.type(within(dialog).getByLabelText(/Until/), "2027-02-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("This persona cannot be delegated.")).toBeInTheDocument();
  });
});
