import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { definition } from "../test/fixtures";
import { page } from "./testing";

const staff = definition({ type: "staff", display_name: "Staff member", scope_values: ["dept:sales"], entitlements: ["intranet:access"], delegable: true });
const admin = definition({ type: "customer-admin", display_name: "Customer administrator", manages: ["customer"], step_up_required: true });

describe("Persona definitions", () => {
  it("lists every definition with its scope values, entitlements and options", async () => {
    renderApp("/console/definitions", stubApi({ "GET /admin/persona-definitions": json(200, page([definition(), admin, staff])) }));
    const table = await screen.findByRole("grid", { name: "Persona definitions" });
    const row = within(table).getByRole("row", { name: /Customer administrator/ });
    expect(row).toHaveTextContent("customer-admin");
    expect(row).toHaveTextContent("Manages: customer");
    expect(row).toHaveTextContent("Step-up required");
    expect(within(table).getByRole("row", { name: /Staff member/ })).toHaveTextContent("Delegable");
    expect(within(table).getByRole("list", { name: "Scope values of Customer" })).toHaveTextContent("company:acme");
    expect(screen.getByRole("button", { name: "Edit Staff member" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Archive Staff member" })).toBeEnabled();
  });

  it("follows next_cursor until the list is whole", async () => {
    const api = stubApi({ "GET /admin/persona-definitions": [json(200, page([definition()], "next")), json(200, page([staff]))] });
    renderApp("/console/definitions", api);
    expect(await screen.findByRole("row", { name: /Staff member/ })).toBeInTheDocument();
    expect(api.callsTo("GET /admin/persona-definitions").map((c) => c.search)).toEqual(["?limit=100", "?limit=100&cursor=next"]);
  });

  it("creates a definition: the API's reasons on the fields, then the new one in the list", async () => {
    const user = userEvent.setup();
    const created = definition({ type: "contractor", display_name: "Contractor", scope_values: ["company:acme"], entitlements: ["timesheets:write"], delegable: true });
    const api = stubApi({
      "GET /admin/persona-definitions": [json(200, page([staff])), json(200, page([created, staff]))],
      "POST /admin/persona-definitions": [
        apiError(400, "invalid_request", "the request is not valid", { fields: { type: "must match ^[a-z0-9][a-z0-9-]{0,62}$", scope_values: 'value "a b" must be 1-128 letters' } }),
        json(201, created),
      ],
    });
    renderApp("/console/definitions", api);
    await user.click(await screen.findByRole("button", { name: "Create a persona definition" }));
    const dialog = screen.getByRole("dialog", { name: "Create a persona definition" });
    const type = within(dialog).getByRole("textbox", { name: /^Type/ });
    await user.type(type, "Contractor");
    await user.type(within(dialog).getByRole("textbox", { name: /^Display name/ }), "Contractor");
    await user.type(within(dialog).getByRole("textbox", { name: "Scope values" }), "company:acme{enter}company:acme, a");
    await user.type(within(dialog).getByRole("textbox", { name: "Entitlements" }), "timesheets:write");
    await user.click(within(dialog).getByRole("checkbox", { name: "Delegable" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByText("Check the fields below: the portal could not save them as they are.")).toBeInTheDocument();
    expect(type).toHaveAttribute("aria-invalid", "true");
    expect(type).toHaveAccessibleDescription(/^must match \^\[a-z0-9\]/);
    expect(type).toHaveFocus();
    expect(within(dialog).getByRole("textbox", { name: "Scope values" })).toHaveAccessibleDescription(/^value "a b" must be 1-128 letters/);
    expect(api.callsTo("POST /admin/persona-definitions")[0]!.body).toEqual({
      type: "Contractor",
      display_name: "Contractor",
      description: "",
      scope_values: ["company:acme", "a"],
      entitlements: ["timesheets:write"],
      manages: [],
      delegable: true,
      step_up_required: false,
    });

    await user.clear(type);
    await user.type(type, "contractor");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The persona definition Contractor is created.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await screen.findByRole("row", { name: /Contractor/ })).toHaveTextContent("timesheets:write");
  });

  it("edits a definition with PUT: the type stays, the lists are whole", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/persona-definitions": json(200, page([staff])),
      "PUT /admin/persona-definitions/staff": json(200, { ...staff, step_up_required: true }),
    });
    renderApp("/console/definitions", api);
    await user.click(await screen.findByRole("button", { name: "Edit Staff member" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Staff member" });
    expect(within(dialog).getByRole("textbox", { name: /^Type/ })).toBeDisabled();
    expect(within(dialog).getByRole("textbox", { name: "Scope values" })).toHaveValue("dept:sales");
    await user.click(within(dialog).getByRole("checkbox", { name: "Step-up required" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The persona definition Staff member is saved.")).toBeInTheDocument();
    expect(api.callsTo("PUT /admin/persona-definitions/staff")[0]!.body).toMatchObject({ type: "staff", step_up_required: true, delegable: true, scope_values: ["dept:sales"] });
  });

  it("archives after a confirmation, and shows the API's refusal while personas of the type exist", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/persona-definitions": [json(200, page([staff, definition()])), json(200, page([definition()]))],
      "DELETE /admin/persona-definitions/staff": [apiError(409, "conflict", "personas of this type still exist; revoke them first"), new Response(null, { status: 204 })],
    });
    renderApp("/console/definitions", api);
    await user.click(await screen.findByRole("button", { name: "Archive Staff member" }));
    const dialog = screen.getByRole("dialog", { name: /Archive Staff member\?$/ });
    await user.click(within(dialog).getByRole("button", { name: "Archive" }));
    expect(await within(dialog).findByText("personas of this type still exist; revoke them first")).toBeInTheDocument();
    expect(within(dialog).queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Archive" }));
    expect(await screen.findByText("The persona definition Staff member is archived.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("row", { name: /Staff member/ })).not.toBeInTheDocument());
  });

  it("says there is none yet, and says it in French", async () => {
    renderApp("/console/definitions", stubApi({ "GET /admin/persona-definitions": json(200, page([])) }), "fr");
    expect(await screen.findByRole("heading", { name: "Aucune définition de persona pour l’instant" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Définitions de personas" })).toBeInTheDocument();
  });

  it("shows the API's message when the list cannot load, with Retry on a 503", async () => {
    const user = userEvent.setup();
    const api = stubApi({ "GET /admin/persona-definitions": [apiError(503, "unavailable", "try again"), json(200, page([staff]))] });
    renderApp("/console/definitions", api);
    expect(await screen.findByText("try again")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("row", { name: /Staff member/ })).toBeInTheDocument();
  });

  it("shows a non-admin's 403 as the API says it", async () => {
    renderApp("/console/definitions", stubApi({ "GET /admin/persona-definitions": apiError(403, "forbidden", "tenant administrators only") }));
    expect(await screen.findByText("tenant administrators only")).toBeInTheDocument();
  });
});
