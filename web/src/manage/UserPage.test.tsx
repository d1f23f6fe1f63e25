import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { persona } from "../test/fixtures";
import { CAROL, CAROL_CUSTOMER, CUSTOMER, SUPPLIER } from "./fixtures";

const USER = `/users/${CAROL.id}`;
const PERSONAS = `${USER}/personas`;
const ONE = `${PERSONAS}/${CAROL_CUSTOMER.id}`;
const list = (...items: unknown[]) => json(200, { items, next_cursor: null });

function routes(extra: Record<string, Response | Response[] | ((c: unknown) => Response)> = {}) {
  return stubApi({
    [`GET ${USER}`]: json(200, CAROL),
    [`GET ${PERSONAS}`]: list(CAROL_CUSTOMER),
    "GET /persona-definitions": list(CUSTOMER, SUPPLIER),
    ...extra,
  });
}

/** The stub the current test set up; personasTab() opens the Personas tab on it. */
let currentApi = routes();

async function personasTab() {
  renderApp(`/manage/users/${CAROL.id}?tab=personas`, currentApi);
  return screen.findByRole("grid", { name: "Personas of Carol White that you manage" });
}

const labels = (boxes: HTMLElement[]) => boxes.map((c) => (c as HTMLInputElement).labels?.[0]?.textContent);

describe("a user in the admin's scope", () => {
  it("shows the profile summary and General, then the Personas tab with the personas the admin manages", async () => {
    const user = userEvent.setup();
    renderApp(`/manage/users/${CAROL.id}`, routes());
    expect(await screen.findByRole("heading", { level: 1, name: "Carol White" })).toBeInTheDocument();
    const general = screen.getByRole("tabpanel");
    expect(within(general).getByText("Europe/Brussels")).toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: "Personas" }));
    const table = await screen.findByRole("grid", { name: "Personas of Carol White that you manage" });
    const row = within(table).getAllByRole("row")[1]!;
    expect(within(row).getByText("Customer")).toBeInTheDocument();
    expect(within(row).getByText("company:globex")).toBeInTheDocument();
    expect(within(row).getByText("Accepted")).toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Edit Customer (company:globex)" })).toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Revoke Customer (company:globex)" })).toBeInTheDocument();
  });

  it("offers neither Edit nor Revoke on a persona that has ended", async () => {
    currentApi = routes({ [`GET ${PERSONAS}`]: list({ ...CAROL_CUSTOMER, active: false, status: { ...CAROL_CUSTOMER.status, value: "revoked" } }) });
    const table = await personasTab();
    expect(within(table).getByText("Revoked")).toBeInTheDocument();
    expect(within(table).queryByRole("button", { name: /^Edit/ })).not.toBeInTheDocument();
  });

  it("edits a persona: only values within the admin's scope are offered, and only what changed is sent", async () => {
    const user = userEvent.setup();
    const saved = { ...CAROL_CUSTOMER, scope: ["company:acme", "company:globex"], valid_until: "2027-06-30T00:00:00Z", attributes: { tier: "gold" } };
    currentApi = routes({ [`PATCH ${ONE}`]: json(200, saved), [`GET ${PERSONAS}`]: [list(CAROL_CUSTOMER), list(saved)] });
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: "Edit Customer (company:globex)" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit the persona Customer" });
    const scope = within(dialog).getByRole("group", { name: "Scope" });
    expect(labels(within(scope).getAllByRole("checkbox"))).toEqual(["company:acme", "company:globex"]);
    expect(within(scope).getByRole("checkbox", { name: "company:globex" })).toBeChecked();
    await user.click(within(scope).getByRole("checkbox", { name: "company:acme" }));
    await user.type(within(dialog).getByLabelText("Valid until"), "2027-06-30");
    // Attributes: rename one (the old name goes: null), the merge patch does the rest.
    await user.clear(within(dialog).getByRole("textbox", { name: "Name of attribute 1" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Name of attribute 1" }), "tier");
    await user.clear(within(dialog).getByRole("textbox", { name: "Value of attribute 1" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Value of attribute 1" }), "gold");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Customer (company:acme, company:globex) is saved.")).toBeInTheDocument();
    expect(currentApi.callsTo(`PATCH ${ONE}`).map((c) => c.body)).toEqual([
      { scope: ["company:acme", "company:globex"], valid_until: "2027-06-30T00:00:00Z", attributes: { account: null, tier: "gold" } },
    ]);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("Save waits for a change, and clearing the end date sends null (open-ended)", async () => {
    const user = userEvent.setup();
    const ending = { ...CAROL_CUSTOMER, valid_until: "2027-01-01T00:00:00Z" };
    currentApi = routes({ [`GET ${PERSONAS}`]: list(ending), [`PATCH ${ONE}`]: json(200, { ...ending, valid_until: null }) });
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: /^Edit/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("button", { name: "Save" })).toBeDisabled();
    await user.clear(within(dialog).getByLabelText("Valid until"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(currentApi.callsTo(`PATCH ${ONE}`).map((c) => c.body)).toEqual([{ valid_until: null }]));
  });

  it("puts the API's field reasons on the fields", async () => {
    const user = userEvent.setup();
    currentApi = routes({
      [`PATCH ${ONE}`]: apiError(400, "invalid_request", "the request is not valid", { fields: { email: "must be an e-mail address", "attributes.x": "too long" } }),
    });
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: /^Edit/ }));
    const dialog = await screen.findByRole("dialog");
    const email = within(dialog).getByLabelText(/Persona e-mail/);
    await user.clear(email);
    await user.type(email, "carol@globex");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("must be an e-mail address")).toBeInTheDocument();
    expect(email).toHaveAccessibleDescription(/must be an e-mail address/);
    expect(within(dialog).getByText("too long")).toBeInTheDocument();
    expect(within(dialog).getByText("The persona was not saved")).toBeInTheDocument();
  });

  it("checks before asking: an empty e-mail and an end before the start", async () => {
    const user = userEvent.setup();
    currentApi = routes();
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: /^Edit/ }));
    const dialog = await screen.findByRole("dialog");
    await user.clear(within(dialog).getByLabelText(/Persona e-mail/));
    await user.type(within(dialog).getByLabelText("Valid until"), "2025-01-01");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Enter an e-mail address.")).toBeInTheDocument();
    expect(within(dialog).getByText("The end date must come after the start date.")).toBeInTheDocument();
    expect(currentApi.callsTo(`PATCH ${ONE}`)).toHaveLength(0);
  });

  it("says when the data changed meanwhile (409) and reads the list again", async () => {
    const user = userEvent.setup();
    currentApi = routes({ [`PATCH ${ONE}`]: apiError(409, "conflict", "the persona has ended: it cannot be edited") });
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: /^Edit/ }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("checkbox", { name: "company:acme" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("The data changed meanwhile: the list now shows it as it stands")).toBeInTheDocument();
    expect(within(dialog).getByText("the persona has ended: it cannot be edited")).toBeInTheDocument();
    await waitFor(() => expect(currentApi.callsTo(`GET ${PERSONAS}`).length).toBeGreaterThan(1));
  });

  it("adds a persona with the available scopes", async () => {
    const user = userEvent.setup();
    const added = persona({ id: "0193a0c0-0000-7000-8000-0000000000c2", user_id: CAROL.id, type: "supplier", scope: ["company:acme"] });
    currentApi = routes({ [`POST ${PERSONAS}`]: json(201, added), [`GET ${PERSONAS}`]: [list(CAROL_CUSTOMER), list(CAROL_CUSTOMER, added)] });
    await personasTab();
    await user.click(screen.getByRole("button", { name: "Add a persona" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a persona" });
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Persona" }), "supplier");
    // Supplier's catalogue, cut to the admin's scope: acme only.
    expect(labels(within(dialog).getAllByRole("checkbox"))).toEqual(["company:acme"]);
    await user.click(within(dialog).getByRole("checkbox", { name: "company:acme" }));
    await user.type(within(dialog).getByLabelText("Valid from"), "2026-12-01");
    await user.click(within(dialog).getByRole("button", { name: "Add an attribute" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Name of attribute 1" }), "desk");
    await user.type(within(dialog).getByRole("textbox", { name: "Value of attribute 1" }), "north");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Supplier (company:acme) is added. The user holds it at once.")).toBeInTheDocument();
    expect(currentApi.callsTo(`POST ${PERSONAS}`).map((c) => c.body)).toEqual([
      { type: "supplier", scope: ["company:acme"], valid_from: "2026-12-01T00:00:00Z", attributes: { desk: "north" } },
    ]);
  });

  it("shows a duplicate (409) on the add form", async () => {
    const user = userEvent.setup();
    currentApi = routes({ [`POST ${PERSONAS}`]: apiError(409, "conflict", "the user already holds a persona of this type and scope") });
    await personasTab();
    await user.click(screen.getByRole("button", { name: "Add a persona" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a persona" });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Pick at least one scope value.")).toBeInTheDocument();
    expect(currentApi.callsTo(`POST ${PERSONAS}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole("checkbox", { name: "company:globex" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("the user already holds a persona of this type and scope")).toBeInTheDocument();
  });

  it("revokes after a confirmation", async () => {
    const user = userEvent.setup();
    const revoked = { ...CAROL_CUSTOMER, active: false, status: { ...CAROL_CUSTOMER.status, value: "revoked" as const } };
    currentApi = routes({ [`DELETE ${ONE}`]: json(200, revoked), [`GET ${PERSONAS}`]: [list(CAROL_CUSTOMER), list(revoked)] });
    const table = await personasTab();
    await user.click(within(table).getByRole("button", { name: "Revoke Customer (company:globex)" }));
    const dialog = await screen.findByRole("dialog", { name: /Revoke this persona\?/ });
    expect(within(dialog).getByText(/Carol White loses the persona Customer \(company:globex\) at once/)).toBeInTheDocument();
    expect(currentApi.callsTo(`DELETE ${ONE}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("Customer (company:globex) is revoked. It stays on the profile as revoked.")).toBeInTheDocument();
    expect(currentApi.callsTo(`DELETE ${ONE}`)).toHaveLength(1);
    expect(await within(table).findByText("Revoked")).toBeInTheDocument();
  });

  it("says so when the admin manages none of the user's personas", async () => {
    currentApi = routes({ [`GET ${PERSONAS}`]: list() });
    renderApp(`/manage/users/${CAROL.id}?tab=personas`, currentApi);
    expect(await screen.findByRole("heading", { name: "No persona you manage" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add a persona" })).toBeEnabled();
  });

  it("a user out of scope reads as not found", async () => {
    renderApp(`/manage/users/${CAROL.id}`, stubApi({ [`GET ${USER}`]: apiError(404, "not_found", "user not found") }));
    expect(await screen.findByText("user not found")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Back to Users" })).toBeInTheDocument();
  });

  it("speaks French", async () => {
    renderApp(`/manage/users/${CAROL.id}?tab=personas`, routes(), "fr");
    expect(await screen.findByRole("grid", { name: "Personas de Carol White que vous gérez" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ajouter une persona" })).toBeInTheDocument();
  });
});
