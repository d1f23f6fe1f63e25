import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { workRequest } from "../work/fixtures";
import { CAROL, CUSTOMER, SUPPLIER } from "./fixtures";

const LINK = "http://portal.test/magic/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const REQUEST = workRequest({
  title: "Assign a persona: Customer (company:globex) to Carol White",
  subject: { id: CAROL.id, display_name: "Carol White", email: CAROL.email },
  assignee: { id: CAROL.id, display_name: "Carol White", email: CAROL.email },
  persona: { type: "customer", display_name: "Customer", scope: ["company:globex"], valid_from: null, valid_until: null, email: "", attributes: {} },
});

function routes(invite: Response = json(201, { request: REQUEST, magic_link: LINK })) {
  return stubApi({
    "GET /users": json(200, { items: [CAROL], next_cursor: null }),
    "GET /persona-definitions": json(200, { items: [CUSTOMER, SUPPLIER], next_cursor: null }),
    "POST /persona-invitations": invite,
  });
}

/** Opens the wizard from Users, picks Customer and goes Next to the details. */
async function toDetails(api: ReturnType<typeof stubApi>) {
  const user = userEvent.setup();
  renderApp("/manage/users", api);
  await user.click(await screen.findByRole("button", { name: "Prepare a persona" }));
  const wizard = await screen.findByRole("dialog", { name: "Prepare a persona" });
  const next = within(wizard).getByRole("button", { name: "Next" });
  expect(next).toBeDisabled();
  await user.click(await within(wizard).findByRole("radio", { name: /^Customer/ }));
  await user.click(next);
  await within(wizard).findByRole("textbox", { name: "User's e-mail" });
  return { user, wizard };
}

describe("Prepare a persona", () => {
  it("select a persona → Next → the details → Save → the magic link to copy, and the e-mail queued", async () => {
    const api = routes();
    const { user, wizard } = await toDetails(api);
    // Only the values within the admin's own scope are offered.
    const scope = within(wizard).getByRole("group", { name: "Scope" });
    expect(within(scope).getAllByRole("checkbox").map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual(["company:acme", "company:globex"]);
    await user.type(within(wizard).getByRole("textbox", { name: "User's e-mail" }), "carol@globex.test");
    await user.click(within(scope).getByRole("checkbox", { name: "company:globex" }));
    await user.type(within(wizard).getByLabelText("Valid until"), "2027-12-31");
    expect(within(wizard).getByRole("switch", { name: "Send the e-mail with the magic link to the user" })).toBeChecked();
    await user.click(within(wizard).getByRole("button", { name: "Save" }));

    expect(await within(wizard).findByText("The persona Customer is prepared for Carol White")).toBeInTheDocument();
    expect(within(wizard).getByText(/queued for carol@globex\.test/)).toBeInTheDocument();
    expect(within(wizard).getByRole("textbox", { name: "Magic link" })).toHaveValue(LINK);
    expect(api.callsTo("POST /persona-invitations").map((c) => c.body)).toEqual([
      { type: "customer", scope: ["company:globex"], user_email: "carol@globex.test", send_email: true, valid_until: "2027-12-31T00:00:00Z" },
    ]);
    await user.click(within(wizard).getByRole("button", { name: "Copy the magic link" }));
    expect(await navigator.clipboard.readText()).toBe(LINK);
    // Saved is saved: the earlier steps are closed.
    expect(within(wizard).getByRole("button", { name: "Details" })).toBeDisabled();
    await user.click(within(wizard).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says no e-mail went out when the switch is off", async () => {
    const api = routes();
    const { user, wizard } = await toDetails(api);
    await user.type(within(wizard).getByRole("textbox", { name: "User's e-mail" }), "carol@globex.test");
    await user.click(within(wizard).getByRole("checkbox", { name: "company:acme" }));
    await user.click(within(wizard).getByRole("switch"));
    await user.click(within(wizard).getByRole("button", { name: "Save" }));
    expect(await within(wizard).findByText("No e-mail was sent.")).toBeInTheDocument();
    expect(api.callsTo("POST /persona-invitations")[0]!.body).toMatchObject({ send_email: false, scope: ["company:acme"] });
  });

  it("puts the API's refusal on the field (a user unknown in the tenant) and stays on the details", async () => {
    const api = routes(apiError(400, "invalid_request", "the request is not valid", { fields: { user_email: "no active user with this e-mail exists in the tenant" } }));
    const { user, wizard } = await toDetails(api);
    const email = within(wizard).getByRole("textbox", { name: "User's e-mail" });
    await user.type(email, "nobody@globex.test");
    await user.click(within(wizard).getByRole("checkbox", { name: "company:globex" }));
    await user.click(within(wizard).getByRole("button", { name: "Save" }));
    expect(await within(wizard).findByText("no active user with this e-mail exists in the tenant")).toBeInTheDocument();
    expect(email).toHaveAccessibleDescription(/no active user with this e-mail exists/);
    expect(within(wizard).getByText("The persona was not prepared")).toBeInTheDocument();
    // Fixing the field clears its error; Save again.
    await user.clear(email);
    expect(within(wizard).queryByText("no active user with this e-mail exists in the tenant")).not.toBeInTheDocument();
  });

  it("shows a refusal that is not about a field (403 outside the admin's grants)", async () => {
    const api = routes(apiError(403, "forbidden", "this persona type and scope are outside your grants"));
    const { user, wizard } = await toDetails(api);
    await user.type(within(wizard).getByRole("textbox", { name: "User's e-mail" }), "carol@globex.test");
    await user.click(within(wizard).getByRole("checkbox", { name: "company:globex" }));
    await user.click(within(wizard).getByRole("button", { name: "Save" }));
    expect(await within(wizard).findByText("this persona type and scope are outside your grants")).toBeInTheDocument();
  });

  it("checks before asking: the user's e-mail and a scope value", async () => {
    const api = routes();
    const { user, wizard } = await toDetails(api);
    await user.click(within(wizard).getByRole("button", { name: "Save" }));
    expect(await within(wizard).findByText("Enter an e-mail address.")).toBeInTheDocument();
    expect(within(wizard).getByText("Pick at least one scope value.")).toBeInTheDocument();
    expect(api.callsTo("POST /persona-invitations")).toHaveLength(0);
  });

  it("Back returns to the choice; another persona offers its own scope values", async () => {
    const { user, wizard } = await toDetails(routes());
    await user.click(within(wizard).getByRole("button", { name: "Back" }));
    await user.click(await within(wizard).findByRole("radio", { name: /^Supplier/ }));
    await user.click(within(wizard).getByRole("button", { name: "Next" }));
    expect((await within(wizard).findAllByRole("checkbox")).map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual(["company:acme"]);
  });

  it("says so when the admin may assign nothing", async () => {
    const user = userEvent.setup();
    renderApp("/manage/users", stubApi({ "GET /users": json(200, { items: [], next_cursor: null }), "GET /persona-definitions": json(200, { items: [], next_cursor: null }) }));
    await user.click((await screen.findAllByRole("button", { name: "Prepare a persona" }))[0]!);
    expect(await screen.findByRole("heading", { name: "No persona to assign" })).toBeInTheDocument();
  });
});
