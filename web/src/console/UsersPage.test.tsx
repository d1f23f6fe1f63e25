import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { profile } from "../test/fixtures";
import { page } from "./testing";

const DAVE_ID = "0193a0c0-0000-7000-8000-0000000000d1";
const alice = profile();
const dave = profile({ id: DAVE_ID, email: "dave@initech.test", given_name: "Dave", family_name: "Brown", display_name: "", attributes: { employee_id: "E-1042" } });
const frank = profile({ id: "0193a0c0-0000-7000-8000-0000000000f1", email: "frank@acme.test", given_name: "Frank", family_name: "", display_name: "", status: "disabled" });

describe("Users", () => {
  it("lists users with their status, a link to each, and Load more while there are more", async () => {
    const user = userEvent.setup();
    const api = stubApi({ "GET /admin/users": [json(200, page([alice, dave], "c2")), json(200, page([frank]))] });
    renderApp("/console/users", api);
    const table = await screen.findByRole("grid", { name: "Users" });
    expect(within(table).getByRole("link", { name: "Alice Purple" })).toHaveAttribute("href", `/console/users/${alice.id}`);
    expect(within(table).getByRole("row", { name: /Dave Brown/ })).toHaveTextContent("Active");
    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await within(table).findByRole("row", { name: /Frank/ })).toHaveTextContent("Disabled");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
    expect(api.callsTo("GET /admin/users").map((c) => c.search)).toEqual(["?limit=50", "?limit=50&cursor=c2"]);
  });

  it("searches by name or e-mail with q, following short filtered pages by itself", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/users": (c) =>
        !c.search?.includes("q=") ? json(200, page([alice, dave])) : c.search.includes("cursor=") ? json(200, page([dave])) : json(200, page([], "more")),
    });
    renderApp("/console/users", api);
    await screen.findByRole("row", { name: /Alice Purple/ });
    await user.type(screen.getByRole("textbox", { name: "Search by name or e-mail" }), "initech");
    await waitFor(() => expect(screen.queryByRole("row", { name: /Alice Purple/ })).not.toBeInTheDocument());
    expect(await screen.findByRole("row", { name: /Dave Brown/ })).toBeInTheDocument();
    expect(api.callsTo("GET /admin/users").map((c) => c.search).slice(-2)).toEqual(["?limit=50&q=initech", "?limit=50&cursor=more&q=initech"]);
  });

  it("finds a user by an attribute's value", async () => {
    const user = userEvent.setup();
    const api = stubApi({ "GET /admin/users": (c) => json(200, page(c.search?.includes("E-1042") ? [dave] : [alice, dave])) });
    renderApp("/console/users", api);
    await screen.findByRole("row", { name: /Alice Purple/ });
    await user.click(screen.getByRole("button", { name: "Attribute" }));
    await user.type(screen.getByRole("textbox", { name: "Attribute" }), "employee_id");
    await user.type(screen.getByRole("textbox", { name: "Value" }), "E-1042{enter}");
    await waitFor(() => expect(screen.queryByRole("row", { name: /Alice Purple/ })).not.toBeInTheDocument());
    expect(api.calls.at(-1)!.search).toBe(`?${new URLSearchParams({ limit: "50", attribute: "employee_id", value: "E-1042" })}`);
    expect(screen.getByRole("row", { name: /Dave Brown/ })).toBeInTheDocument();
  });

  it("says when nothing matches", async () => {
    const user = userEvent.setup();
    renderApp("/console/users", stubApi({ "GET /admin/users": (c) => json(200, page(c.search?.includes("q=") ? [] : [alice])) }));
    await screen.findByRole("row", { name: /Alice Purple/ });
    await user.type(screen.getByRole("textbox", { name: "Search by name or e-mail" }), "zed");
    expect(await screen.findByRole("heading", { name: "No user matches" })).toBeInTheDocument();
  });

  it("creates a user: a taken e-mail is said on the field, then the new user opens", async () => {
    const user = userEvent.setup();
    const erin = profile({ id: "0193a0c0-0000-7000-8000-0000000000e1", email: "erin@globex.test", given_name: "Erin", family_name: "Black", display_name: "" });
    const api = stubApi({
      "GET /admin/users": json(200, page([alice])),
      "POST /admin/users": [apiError(409, "conflict", "a user with this e-mail already exists in the tenant"), json(201, erin)],
      [`GET /admin/users/${erin.id}`]: json(200, erin),
    });
    renderApp("/console/users", api);
    await user.click(await screen.findByRole("button", { name: "Create a user" }));
    const dialog = screen.getByRole("dialog", { name: "Create a user" });
    const email = within(dialog).getByRole("textbox", { name: /^E-mail/ });
    await user.type(email, "alice@acme.test");
    await user.type(within(dialog).getByRole("textbox", { name: "First name" }), "Erin");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(await within(dialog).findByText(/^a user with this e-mail already exists in the tenant/)).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveFocus();

    await user.clear(email);
    await user.type(email, "erin@globex.test");
    await user.type(within(dialog).getByRole("textbox", { name: "Last name" }), "Black");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Erin Black" })).toBeInTheDocument();
    expect(screen.getByText("The user is created. Add their personas on the Personas tab.")).toBeInTheDocument();
    expect(api.callsTo("POST /admin/users").map((c) => c.body)).toEqual([
      { email: "alice@acme.test", given_name: "Erin" },
      { email: "erin@globex.test", given_name: "Erin", family_name: "Black" },
    ]);
  });

  it("shows the API's message when the list cannot load", async () => {
    renderApp("/console/users", stubApi({ "GET /admin/users": apiError(403, "forbidden", "tenant administrators only") }));
    expect(await screen.findByText("tenant administrators only")).toBeInTheDocument();
  });

  it("speaks French", async () => {
    renderApp("/console/users", stubApi({ "GET /admin/users": json(200, page([])) }), "fr");
    expect(await screen.findByRole("heading", { name: "Aucun utilisateur pour l’instant" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Créer un utilisateur" })).toBeInTheDocument();
  });
});
