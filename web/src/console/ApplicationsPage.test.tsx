import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { application, page } from "./testing";

const intranet = application({ id: "0193a0c0-0000-7000-8000-0000000000b2", name: "Intranet", url: "https://intranet.demo.test", persona_types: ["staff"] });

describe("Applications", () => {
  it("lists the applications with their address and who sees them", async () => {
    renderApp("/console/applications", stubApi({ "GET /admin/applications": json(200, page([application(), intranet])) }));
    const row = await screen.findByRole("row", { name: /Order Desk/ });
    expect(row).toHaveTextContent("https://orders.demo.test");
    expect(within(row).getByRole("list", { name: "Persona types of Order Desk" })).toHaveTextContent("customer");
    expect(screen.getByRole("row", { name: /Intranet/ })).toHaveTextContent("staff");
  });

  it("creates an application: the API's reason on the address, then the saved one", async () => {
    const user = userEvent.setup();
    const partner = application({ id: "0193a0c0-0000-7000-8000-0000000000b3", name: "Partner Console", url: "https://partners.demo.test", persona_types: [], entitlements_any: ["customers:manage"] });
    const api = stubApi({
      "GET /admin/applications": [json(200, page([])), json(200, page([partner]))],
      "POST /admin/applications": [apiError(400, "invalid_request", "the request is not valid", { fields: { url: "must be an absolute http(s) URL" } }), json(201, partner)],
    });
    renderApp("/console/applications", api);
    expect(await screen.findByRole("heading", { name: "No application yet" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create an application" }));
    const dialog = screen.getByRole("dialog", { name: "Create an application" });
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Partner Console");
    const url = within(dialog).getByRole("textbox", { name: /^Address/ });
    await user.type(url, "partners.demo.test");
    await user.type(within(dialog).getByRole("textbox", { name: "Entitlements" }), "customers:manage");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText(/^must be an absolute http\(s\) URL/)).toBeInTheDocument();
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(url).toHaveFocus();

    await user.clear(url);
    await user.type(url, "https://partners.demo.test");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The application Partner Console is created.")).toBeInTheDocument();
    expect(api.callsTo("POST /admin/applications")[1]!.body).toEqual({
      name: "Partner Console",
      description: "",
      url: "https://partners.demo.test",
      icon_url: "",
      persona_types: [],
      entitlements_any: ["customers:manage"],
    });
    expect(await screen.findByRole("row", { name: /Partner Console/ })).toBeInTheDocument();
  });

  it("edits with PUT on the application's ID, and archives after a confirmation", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/applications": [json(200, page([intranet])), json(200, page([{ ...intranet, persona_types: ["staff", "contractor"] }])), json(200, page([]))],
      [`PUT /admin/applications/${intranet.id}`]: json(200, { ...intranet, persona_types: ["contractor", "staff"] }),
      [`DELETE /admin/applications/${intranet.id}`]: new Response(null, { status: 204 }),
    });
    renderApp("/console/applications", api);
    await user.click(await screen.findByRole("button", { name: "Edit Intranet" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Intranet" });
    expect(within(dialog).getByText(intranet.id)).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: "Persona types" }), "{enter}contractor");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The application Intranet is saved.")).toBeInTheDocument();
    expect(api.callsTo(`PUT /admin/applications/${intranet.id}`)[0]!.body).toMatchObject({ name: "Intranet", persona_types: ["staff", "contractor"] });

    await user.click(screen.getByRole("button", { name: "Archive Intranet" }));
    await user.click(within(screen.getByRole("dialog", { name: /Archive Intranet\?$/ })).getByRole("button", { name: "Archive" }));
    expect(await screen.findByText("The application Intranet is archived.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { name: "No application yet" })).toBeInTheDocument());
  });

  it("shows the API's message when the archive fails", async () => {
    const user = userEvent.setup();
    renderApp(
      "/console/applications",
      stubApi({
        "GET /admin/applications": json(200, page([intranet])),
        [`DELETE /admin/applications/${intranet.id}`]: apiError(404, "not_found", "application not found"),
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Archive Intranet" }));
    const dialog = screen.getByRole("dialog", { name: /Archive Intranet\?$/ });
    await user.click(within(dialog).getByRole("button", { name: "Archive" }));
    expect(await within(dialog).findByText("application not found")).toBeInTheDocument();
  });
});
