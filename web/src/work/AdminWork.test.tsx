import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { ALICE, BOB, workRequest } from "./fixtures";

const list = (...items: unknown[]) => json(200, { items, next_cursor: null });
const CAROL = { id: "0193a0c0-0000-7000-8000-000000000003", display_name: "Carol White", email: "carol@globex.test" };

/** An "Activate a persona" request waiting for Bob (the admin who prepared it). */
function activation(n: number, who = CAROL, scope = "company:globex") {
  return workRequest({
    id: `0193a0c0-0000-7000-8000-00000000a0${n}0`,
    kind: "activate_persona",
    title: `Activate a persona: Customer (${scope}) for ${who.display_name}`,
    initiator: who,
    subject: who,
    assignee: BOB,
    persona: { type: "customer", display_name: "Customer", scope: [scope], valid_from: null, valid_until: "2027-06-30T00:00:00Z", email: "", attributes: {} },
  });
}

const A1 = activation(1);
const A2 = activation(2, CAROL, "company:acme");
const A3 = activation(3, ALICE, "company:globex");
const accept = (r: { id: string }) => `POST /me/requests/${r.id}/accept`;
const reject = (r: { id: string }) => `POST /me/requests/${r.id}/reject`;

describe("My Work for delegated admins", () => {
  it("Accept on an activation shows the persona and the user, then the re-check's result (accepted)", async () => {
    const user = userEvent.setup();
    const api = stubApi({ "GET /me/requests/approvals": [list(A1), list()], [accept(A1)]: json(200, { ...A1, status: "accepted", decided_at: "2026-11-23T09:00:00Z" }) });
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("button", { name: `Accept ${A1.title}` }));
    const dialog = await screen.findByRole("dialog", { name: "Accept this request?" });
    const details = within(dialog);
    expect(details.getByText("Carol White")).toBeInTheDocument();
    expect(details.getByText("(carol@globex.test)")).toBeInTheDocument();
    expect(details.getByText("Customer")).toBeInTheDocument();
    expect(details.getByText("company:globex")).toBeInTheDocument();
    expect(details.getByText(/From the moment it is approved to/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Accepting activates this persona for Carol White/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Accept" }));

    expect(await within(dialog).findByText(`You accepted “${A1.title}”.`)).toBeInTheDocument();
    expect(within(dialog).getByText("Carol White now holds Customer (company:globex) and appears in your Users.")).toBeInTheDocument();
    expect(within(dialog).queryByRole("button", { name: "Accept" })).not.toBeInTheDocument();
    await user.click(within(dialog).getAllByRole("button", { name: "Close" }).at(-1)!);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Nothing to approve" })).toBeInTheDocument();
  });

  it("shows a failed re-check with its reason, in the dialog", async () => {
    const user = userEvent.setup();
    renderApp(
      "/my-work",
      stubApi({
        "GET /me/requests/approvals": list(A1),
        [accept(A1)]: json(200, { ...A1, status: "failed", failure_reason: "the user already holds a persona of this type and scope" }),
      }),
    );
    await user.click(await screen.findByRole("button", { name: `Accept ${A1.title}` }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Accept" }));
    expect(await within(dialog).findByText(`“${A1.title}” failed`)).toBeInTheDocument();
    expect(within(dialog).getByText("the user already holds a persona of this type and scope")).toBeInTheDocument();
    expect(within(dialog).getByText(/nothing changed/)).toBeInTheDocument();
  });

  it("an activation decided meanwhile (409) closes the dialog and says so, as for any request", async () => {
    const user = userEvent.setup();
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": list(A1), [accept(A1)]: apiError(409, "conflict", "the request is no longer pending") }));
    await user.click(await screen.findByRole("button", { name: `Accept ${A1.title}` }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("Someone decided this request meanwhile")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("accepts several at once: each decided on its own, each result shown, one failure undoes nothing", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/approvals": [list(A1, A2, A3), list()],
      [accept(A1)]: json(200, { ...A1, status: "accepted" }),
      [accept(A2)]: json(200, { ...A2, status: "failed", failure_reason: "the user already holds a persona of this type and scope" }),
      [accept(A3)]: apiError(409, "conflict", "the request is no longer pending"),
    });
    renderApp("/my-work", api);
    const acceptSelected = await screen.findByRole("button", { name: "Accept selected (0)" });
    expect(acceptSelected).toBeDisabled();
    await user.click(await screen.findByRole("checkbox", { name: "Select all requests" }));
    await user.click(screen.getByRole("button", { name: "Accept selected (3)" }));

    const dialog = await screen.findByRole("dialog", { name: "Accept the selected requests?" });
    expect(within(dialog).getByText(/Selected: 3\. Each request is decided on its own/)).toBeInTheDocument();
    expect(api.callsTo(accept(A1))).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Accept" }));

    expect(await within(dialog).findByText("Done: accepted 1, failed 1, not decided 1")).toBeInTheDocument();
    const rows = within(within(dialog).getByRole("list", { name: "Selected requests" })).getAllByRole("listitem");
    expect(within(rows[0]!).getByText("Accepted")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Failed")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("the user already holds a persona of this type and scope")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("Not decided")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("Someone decided this request meanwhile: the request is no longer pending")).toBeInTheDocument();
    // Each was sent once, on its own.
    for (const r of [A1, A2, A3]) expect(api.callsTo(accept(r))).toHaveLength(1);
    await user.click(within(dialog).getAllByRole("button", { name: "Close" }).at(-1)!);
    expect(await screen.findByRole("heading", { name: "Nothing to approve" })).toBeInTheDocument();
  });

  it("rejects the selected ones with one reason, and keeps single-request buttons", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/approvals": list(A1, A2, A3),
      [reject(A1)]: json(200, { ...A1, status: "rejected" }),
      [reject(A3)]: apiError(503, "unavailable", "the store is unavailable"),
    });
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("checkbox", { name: `Select ${A1.title}` }));
    await user.click(screen.getByRole("checkbox", { name: `Select ${A3.title}` }));
    expect(screen.getByRole("checkbox", { name: "Select all requests" })).toBePartiallyChecked();
    expect(screen.getByRole("button", { name: `Accept ${A2.title}` })).toBeEnabled();
    await user.click(screen.getByRole("button", { name: "Reject selected (2)" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject the selected requests?" });
    await user.type(within(dialog).getByRole("textbox", { name: "Reason (optional)" }), "wrong company");
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await within(dialog).findByText("Done: rejected 1, not decided 1")).toBeInTheDocument();
    expect(within(dialog).getByText("the store is unavailable")).toBeInTheDocument();
    expect([...api.callsTo(reject(A1)), ...api.callsTo(reject(A3))].map((c) => c.body)).toEqual([{ reason: "wrong company" }, { reason: "wrong company" }]);
    expect(api.callsTo(reject(A2))).toHaveLength(0);
  });

  it("a single request keeps its own buttons only: nothing to select", async () => {
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": list(A1) }));
    expect(await screen.findByRole("button", { name: `Accept ${A1.title}` })).toBeInTheDocument();
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Accept selected/ })).not.toBeInTheDocument();
  });

  it("selection is for Requests Approval only", async () => {
    renderApp("/my-work?tab=follow-up", stubApi({ "GET /me/requests/follow-up": list(A1, A2) }));
    await screen.findByText(A1.title);
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^(Accept|Reject) selected/ })).not.toBeInTheDocument();
  });

  it("speaks French", async () => {
    const user = userEvent.setup();
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": list(A1, A2) }), "fr");
    await user.click(await screen.findByRole("checkbox", { name: `Sélectionner ${A1.title}` }));
    expect(screen.getByRole("button", { name: "Accepter la sélection (1)" })).toBeEnabled();
    await waitFor(() => expect(screen.getByRole("button", { name: "Rejeter la sélection (1)" })).toBeEnabled());
  });
});
