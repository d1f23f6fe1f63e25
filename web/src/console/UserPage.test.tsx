import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { ALICE_ID, definition, persona, profile } from "../test/fixtures";
import { page } from "./testing";

const alice = profile({ attributes: { employee_id: "E-1", team: "blue" } });
const USER = `/admin/users/${ALICE_ID}`;
const staffDef = definition({ type: "staff", display_name: "Staff member", scope_values: ["dept:engineering", "dept:sales"] });
const customer = persona();
const revoked = persona({ id: "0193a0c0-0000-7000-8000-0000000000a9", type: "staff", scope: ["dept:sales"], status: { value: "revoked", changed_at: "2026-02-01T00:00:00Z", changed_by: "system:import" }, active: false });

describe("A user, opened from Users", () => {
  it("edits the profile: only what changed, attributes as a merge patch", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [`GET ${USER}`]: json(200, alice),
      [`PATCH ${USER}`]: json(200, profile({ display_name: "Ali", attributes: { employee_id: "E-2" }, updated_at: "2026-11-24T09:00:00Z" })),
    });
    renderApp(`/console/users/${ALICE_ID}`, api);
    expect(await screen.findByRole("heading", { level: 1, name: "Alice Purple" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Users" })).toHaveAttribute("href", "/console/users");
    const attributes = screen.getByRole("textbox", { name: "Attributes" });
    expect(attributes).toHaveValue(JSON.stringify({ employee_id: "E-1", team: "blue" }, null, 2));
    const display = screen.getByRole("textbox", { name: "Display name" });
    await user.clear(display);
    await user.type(display, "Ali");
    await user.clear(attributes);
    await user.type(attributes, '{{"employee_id": "E-2"}');
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The profile is saved.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${USER}`).map((c) => c.body)).toEqual([{ display_name: "Ali", attributes: { employee_id: "E-2", team: null } }]);
    expect(screen.getByRole("heading", { level: 1, name: "Ali" })).toBeInTheDocument();
  });

  it("refuses attributes that are not a JSON object, and puts a taken e-mail on its field", async () => {
    const user = userEvent.setup();
    const api = stubApi({ [`GET ${USER}`]: json(200, alice), [`PATCH ${USER}`]: apiError(409, "conflict", "a user with this e-mail already exists in the tenant") });
    renderApp(`/console/users/${ALICE_ID}`, api);
    const attributes = await screen.findByRole("textbox", { name: "Attributes" });
    await user.clear(attributes);
    await user.type(attributes, "[[1]");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(attributes).toHaveAccessibleDescription(/^Write the attributes as a JSON object/);
    expect(api.callsTo(`PATCH ${USER}`)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    const email = screen.getByRole("textbox", { name: /^E-mail/ });
    await user.clear(email);
    await user.type(email, "bob@acme.test");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription(/^a user with this e-mail already exists/);
    expect(api.callsTo(`PATCH ${USER}`).map((c) => c.body)).toEqual([{ email: "bob@acme.test" }]);
  });

  it("disables after a confirmation (DELETE), says the API's refusal, and enables again (PATCH status)", async () => {
    const user = userEvent.setup();
    const disabled = profile({ ...alice, status: "disabled", updated_at: "2026-11-24T09:00:00Z" });
    const api = stubApi({
      [`GET ${USER}`]: json(200, alice),
      [`DELETE ${USER}`]: [apiError(403, "forbidden", "you cannot disable your own profile"), json(200, disabled)],
      [`PATCH ${USER}`]: json(200, { ...alice, updated_at: "2026-11-25T09:00:00Z" }),
    });
    renderApp(`/console/users/${ALICE_ID}`, api);
    await user.click(await screen.findByRole("button", { name: "Disable" }));
    const dialog = screen.getByRole("dialog", { name: /Disable Alice Purple\?$/ });
    await user.click(within(dialog).getByRole("button", { name: "Disable" }));
    expect(await within(dialog).findByText("you cannot disable your own profile")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Disable" }));
    expect(await screen.findByText("The user is disabled.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText("Disabled")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Enable" }));
    expect(await screen.findByText("The user is enabled again.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${USER}`).map((c) => c.body)).toEqual([{ status: "active" }]);
  });

  it("links to the audit trail about the user", async () => {
    renderApp(`/console/users/${ALICE_ID}`, stubApi({ [`GET ${USER}`]: json(200, alice) }));
    expect(await screen.findByRole("link", { name: "See the audit trail" })).toHaveAttribute("href", `/console/audit?user=${ALICE_ID}`);
  });

  it("says so when the user does not exist", async () => {
    renderApp(`/console/users/${ALICE_ID}`, stubApi({ [`GET ${USER}`]: apiError(404, "not_found", "user not found") }));
    expect(await screen.findByText("user not found")).toBeInTheDocument();
  });
});

describe("A user's personas", () => {
  const routes = (extra: Record<string, Response | Response[]> = {}) =>
    stubApi({
      [`GET ${USER}`]: json(200, alice),
      "GET /admin/persona-definitions": json(200, page([definition(), staffDef])),
      [`GET ${USER}/personas`]: json(200, page([customer, revoked])),
      ...extra,
    });

  it("lists every persona with its status; ended ones cannot be edited or revoked", async () => {
    renderApp(`/console/users/${ALICE_ID}?tab=personas`, routes());
    const table = await screen.findByRole("grid", { name: "The user's personas" });
    const live = within(table).getByRole("row", { name: /^Customer/ });
    expect(live).toHaveTextContent("Accepted");
    expect(live).toHaveTextContent("company:acme");
    expect(within(live).getByRole("button", { name: "Revoke Customer" })).toBeInTheDocument();
    const ended = within(table).getByRole("row", { name: /^Staff member/ });
    expect(ended).toHaveTextContent("Revoked");
    expect(within(ended).queryByRole("button")).not.toBeInTheDocument();
  });

  it("adds a persona with scope values from its definition", async () => {
    const user = userEvent.setup();
    const added = persona({ id: "0193a0c0-0000-7000-8000-0000000000aa", type: "staff", scope: ["dept:sales"] });
    const api = routes({
      [`POST ${USER}/personas`]: [apiError(409, "conflict", "the user already holds a live persona of this type and scope"), json(201, added)],
    });
    renderApp(`/console/users/${ALICE_ID}?tab=personas`, api);
    await user.click(await screen.findByRole("button", { name: "Add a persona" }));
    const dialog = screen.getByRole("dialog", { name: "Add a persona to alice@acme.test" });
    await user.selectOptions(within(dialog).getByRole("combobox", { name: /^Persona/ }), "Staff member");
    const scope = within(dialog).getByRole("group", { name: "Scope" });
    expect(within(scope).getAllByRole("checkbox").map((c) => c.closest("div")!.textContent)).toEqual(["dept:engineering", "dept:sales"]);
    await user.click(within(scope).getByRole("checkbox", { name: "dept:sales" }));
    await user.type(within(dialog).getByLabelText("Valid until"), "2027-06-30");
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    expect(await within(dialog).findByText("the user already holds a live persona of this type and scope")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    expect(await screen.findByText("The persona Staff member is added.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${USER}/personas`).map((c) => c.body)).toEqual([
      { type: "staff", scope: ["dept:sales"], valid_until: "2027-06-30T00:00:00Z" },
      { type: "staff", scope: ["dept:sales"], valid_until: "2027-06-30T00:00:00Z" },
    ]);
    // Read again after each attempt: the data may have changed meanwhile.
    expect(api.callsTo(`GET ${USER}/personas`).length).toBeGreaterThanOrEqual(3);
  });

  it("edits a persona: only what changed, an emptied end date as null", async () => {
    const user = userEvent.setup();
    const bounded = persona({ valid_until: "2027-01-01T00:00:00Z" });
    const api = stubApi({
      [`GET ${USER}`]: json(200, alice),
      "GET /admin/persona-definitions": json(200, page([definition()])),
      [`GET ${USER}/personas`]: json(200, page([bounded])),
      [`PATCH ${USER}/personas/${bounded.id}`]: json(200, { ...bounded, valid_until: null, scope: ["company:acme", "company:globex"] }),
    });
    renderApp(`/console/users/${ALICE_ID}?tab=personas`, api);
    await user.click(await screen.findByRole("button", { name: "Edit Customer" }));
    const dialog = screen.getByRole("dialog", { name: "Edit the persona Customer" });
    expect(within(dialog).getByRole("combobox", { name: /^Persona/ })).toBeDisabled();
    await user.click(within(dialog).getByRole("checkbox", { name: "company:globex" }));
    await user.clear(within(dialog).getByLabelText("Valid until"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The persona Customer is saved.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${USER}/personas/${bounded.id}`).map((c) => c.body)).toEqual([{ scope: ["company:acme", "company:globex"], valid_until: null }]);
  });

  it("revokes after a confirmation", async () => {
    const user = userEvent.setup();
    const api = routes({ [`DELETE ${USER}/personas/${customer.id}`]: json(200, { ...customer, status: { ...customer.status, value: "revoked" }, active: false }) });
    renderApp(`/console/users/${ALICE_ID}?tab=personas`, api);
    await user.click(await screen.findByRole("button", { name: "Revoke Customer" }));
    const dialog = screen.getByRole("dialog", { name: /Revoke the persona Customer\?$/ });
    expect(dialog).toHaveTextContent("alice@acme.test loses this persona at once");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("The persona Customer is revoked.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE ${USER}/personas/${customer.id}`)).toHaveLength(1);
  });

  it("says when the user has none", async () => {
    renderApp(`/console/users/${ALICE_ID}?tab=personas`, routes({ [`GET ${USER}/personas`]: json(200, page([])) }));
    expect(await screen.findByRole("heading", { name: "No persona yet" })).toBeInTheDocument();
  });
});
