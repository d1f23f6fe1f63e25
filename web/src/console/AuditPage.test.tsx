import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, renderApp, stubApi, apiError } from "../test/api";
import { ALICE_ID, profile } from "../test/fixtures";
import { dayEnd, dayStart } from "./fields";
import { auditRecord, page } from "./testing";

const ADMIN_ID = "0193a0c0-0000-7000-8000-0000000000ad";
const admin = profile({ id: ADMIN_ID, email: "admin@demo.test", given_name: "", family_name: "", display_name: "Demo admin" });
const created = auditRecord({
  id: "0193a0c0-0000-7000-8000-0000000000c2",
  at: "2026-11-22T08:00:00Z",
  actor: "system:seed",
  action: "definition.created",
  target: { kind: "definition", id: "contractor" },
  before: null,
  after: { type: "contractor", display_name: "Contractor" },
});

const routes = (audit: Parameters<typeof stubApi>[0][string]) =>
  stubApi({ "GET /admin/audit": audit, [`GET /admin/users/${ADMIN_ID}`]: json(200, admin), [`GET /admin/users/${ALICE_ID}`]: json(200, profile()) });

describe("Audit trail", () => {
  it("lists the records newest first, with who and what, and opens one on its before and after", async () => {
    const user = userEvent.setup();
    renderApp("/console/audit", routes(json(200, page([auditRecord(), created]))));
    const table = await screen.findByRole("grid", { name: "Audit records" });
    const [first, second] = within(table).getAllByRole("rowgroup").slice(1);
    expect(first).toHaveTextContent("Profile changed");
    expect(await within(first!).findByRole("link", { name: "Demo admin" })).toHaveAttribute("href", `/console/users/${ADMIN_ID}`);
    expect(await within(first!).findByRole("link", { name: "Alice Purple" })).toBeInTheDocument();
    expect(second).toHaveTextContent("Persona definition created");
    expect(second).toHaveTextContent("The portal (seed)");
    expect(second).toHaveTextContent("contractor");

    const open = within(first!).getByRole("button", { name: /^Show what changed: Profile changed/ });
    expect(open).toHaveAttribute("aria-expanded", "false");
    await user.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    const diff = within(first!).getByRole("grid", { name: "Profile changed: before and after" });
    const row = within(diff).getByRole("row", { name: /display_name/ });
    expect(row).toHaveTextContent("Changed");
    expect(row).toHaveTextContent("(empty)");
    expect(row).toHaveTextContent("Ali");
    // Unchanged fields wait behind a switch.
    expect(within(diff).queryByRole("row", { name: /email/ })).not.toBeInTheDocument();
    await user.click(within(first!).getByRole("switch", { name: "Show the 2 unchanged fields" }));
    expect(within(diff).getByRole("row", { name: /email/ })).toHaveTextContent("alice@acme.test");

    await user.click(within(second!).getByRole("button", { name: /^Show what changed: Persona definition created/ }));
    const added = within(second!).getByRole("grid", { name: "Persona definition created: before and after" });
    expect(within(added).getByRole("row", { name: /^type/ })).toHaveTextContent("Added");
  });

  it("filters by user (an e-mail found through the user search), actor, action and period, and keeps them in the address", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/audit": json(200, page([auditRecord()])),
      "GET /admin/users": json(200, page([profile({ email: "alice.p@acme.test", id: "0193a0c0-0000-7000-8000-0000000000ff" }), profile()])),
      [`GET /admin/users/${ADMIN_ID}`]: json(200, admin),
      [`GET /admin/users/${ALICE_ID}`]: json(200, profile()),
    });
    renderApp("/console/audit", api);
    await screen.findByRole("grid", { name: "Audit records" });
    await user.type(screen.getByRole("textbox", { name: "About the user" }), "Alice@acme.test");
    await user.type(screen.getByRole("textbox", { name: "Made by" }), ADMIN_ID);
    await user.selectOptions(screen.getByRole("combobox", { name: "Action" }), "Profile changed");
    await user.type(screen.getByLabelText("From"), "2026-11-01");
    await user.type(screen.getByLabelText("To"), "2026-11-30");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    await waitFor(() => expect(api.callsTo("GET /admin/audit")).toHaveLength(2));
    expect(api.callsTo("GET /admin/users").at(-1)!.search).toBe("?limit=100&q=alice%40acme.test");
    const query = new URLSearchParams(api.callsTo("GET /admin/audit")[1]!.search);
    expect(Object.fromEntries(query)).toEqual({
      limit: "50",
      user_id: ALICE_ID,
      from: dayStart("2026-11-01"),
      to: dayEnd("2026-11-30"),
      actor: ADMIN_ID,
      action: "profile.updated",
    });
    // The filter's user ID is named under its field once known.
    expect(await within(screen.getByRole("form", { name: "Filters" })).findByRole("link", { name: "Demo admin" })).toBeInTheDocument();
  });

  it("reads its filters from the address (the user page's link)", async () => {
    const api = routes(json(200, page([auditRecord()])));
    renderApp(`/console/audit?user=${ALICE_ID}`, api);
    await screen.findByRole("grid", { name: "Audit records" });
    expect(screen.getByRole("textbox", { name: "About the user" })).toHaveValue(ALICE_ID);
    expect(api.callsTo("GET /admin/audit")[0]!.search).toBe(`?limit=50&user_id=${ALICE_ID}`);
  });

  it("says when no user has the e-mail, without asking the trail", async () => {
    const api = stubApi({ "GET /admin/audit": json(200, page([])), "GET /admin/users": json(200, page([])) });
    renderApp("/console/audit?user=nobody%40x.test", api);
    expect(await screen.findByRole("heading", { name: "No user has the e-mail nobody@x.test" })).toBeInTheDocument();
    expect(api.callsTo("GET /admin/audit")).toHaveLength(0);
  });

  it("loads more records after the last page", async () => {
    const user = userEvent.setup();
    const api = routes([json(200, page([auditRecord()], "next")), json(200, page([created]))]);
    renderApp("/console/audit", api);
    await user.click(await screen.findByRole("button", { name: "Load more" }));
    const table = screen.getByRole("grid", { name: "Audit records" });
    expect(await within(table).findByText("Persona definition created")).toBeInTheDocument();
    expect(api.callsTo("GET /admin/audit")[1]!.search).toBe("?limit=50&cursor=next");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("says when nothing matches", async () => {
    renderApp("/console/audit?action=settings.updated", routes(json(200, page([]))));
    expect(await screen.findByRole("heading", { name: "No change matches" })).toBeInTheDocument();
  });

  it("shows the API's message when the trail cannot load", async () => {
    renderApp("/console/audit", routes(apiError(400, "invalid_request", "the request is not valid", { fields: { from: "must be an RFC 3339 timestamp" } })));
    expect(await screen.findByText("the request is not valid")).toBeInTheDocument();
  });

  it("speaks French", async () => {
    renderApp("/console/audit", routes(json(200, page([created]))), "fr");
    expect(await within(await screen.findByRole("grid", { name: "Enregistrements d’audit" })).findByText("Définition de persona créée")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Appliquer les filtres" })).toBeInTheDocument();
  });
});
