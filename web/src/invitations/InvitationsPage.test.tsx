import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { workRequest } from "../work/fixtures";
import { invitation, SENT } from "./fixtures";

const page = (items: unknown[], next_cursor: string | null = null) => json(200, { items, next_cursor });
const LIST = "GET /persona-invitations";

const WAITING = invitation();
const ACTIVATING = invitation({
  request: workRequest({ id: "0193a0c0-0000-7000-8000-0000000000r2", status: "accepted", persona: { ...workRequest().persona, display_name: "Partner", scope: ["company:globex", "site:lyon"] } }),
  state: "waiting_for_activation",
  email_status: null,
});
const WITHDRAWN = invitation({
  request: workRequest({ id: "0193a0c0-0000-7000-8000-0000000000r3", status: "cancelled" }),
  state: "withdrawn",
  email_status: "rejected",
});

function rows() {
  return within(screen.getByRole("grid", { name: "Invitations you prepared" })).getAllByRole("row").slice(1);
}

describe("Invitations", () => {
  it("lists each invitation with its persona, user, state, link expiry and e-mail; only a waiting one can be resent or withdrawn", async () => {
    const api = stubApi({ [LIST]: page([WAITING, ACTIVATING, WITHDRAWN]) });
    renderApp("/manage/invitations", api);
    expect(await screen.findByRole("heading", { name: "Invitations", level: 1 })).toBeInTheDocument();
    await screen.findByRole("grid", { name: "Invitations you prepared" });
    const [first, second, third] = rows();
    expect(within(first!).getByText("Customer")).toBeInTheDocument();
    expect(within(first!).getByText("company:acme")).toBeInTheDocument();
    expect(within(first!).getByText("Alice Purple")).toBeInTheDocument();
    expect(within(first!).getByText("alice@acme.test")).toBeInTheDocument();
    expect(within(first!).getByText("Waiting for the user")).toBeInTheDocument();
    expect(within(first!).getByText(/^Valid until Nov 29, 2099/)).toBeInTheDocument();
    expect(within(first!).getByText("E-mail: Sent")).toBeInTheDocument();
    expect(within(first!).getByText(/Nov 22, 2026/)).toBeInTheDocument();
    expect(within(first!).getByRole("button", { name: "Resend Customer (company:acme) — Alice Purple" })).toBeInTheDocument();
    expect(within(first!).getByRole("button", { name: "Withdraw Customer (company:acme) — Alice Purple" })).toBeInTheDocument();

    expect(within(second!).getByText("Accepted, waiting for activation")).toBeInTheDocument();
    expect(within(second!).getByText("site:lyon")).toBeInTheDocument();
    expect(within(second!).getByText("E-mail: Not sent")).toBeInTheDocument();
    expect(within(second!).getByText("No longer valid")).toBeInTheDocument();
    expect(within(third!).getByText("Withdrawn")).toBeInTheDocument();
    expect(within(third!).getByText("E-mail: Not delivered")).toBeInTheDocument();
    for (const row of [second!, third!]) expect(within(row).queryByRole("button")).not.toBeInTheDocument();
    expect(api.calls[api.calls.length - 1]?.search).toBe("?limit=50");
  });

  it("says when a waiting invitation's link has expired", async () => {
    renderApp("/manage/invitations", stubApi({ [LIST]: page([invitation({ link_expires_at: "2026-01-02T10:00:00Z" })]) }));
    expect(await screen.findByText(/^Expired Jan 2, 2026/)).toBeInTheDocument();
  });

  it("filters by state with ?state=, and says when none is in it", async () => {
    const user = userEvent.setup();
    const api = stubApi({ [LIST]: (c) => (c.search?.includes("state=done") ? page([]) : page([WAITING])) });
    renderApp("/manage/invitations", api);
    await screen.findByRole("grid", { name: "Invitations you prepared" });
    await user.selectOptions(screen.getByRole("combobox", { name: "State" }), "done");
    expect(await screen.findByRole("heading", { name: "No invitation in this state" })).toBeInTheDocument();
    expect(api.calls.some((c) => c.search === "?limit=50&state=done")).toBe(true);
  });

  it("reads on past empty filtered pages, and Load more follows next_cursor", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [LIST]: (c) => {
        const cursor = new URLSearchParams(c.search).get("cursor");
        if (cursor === null) return page([], "c1");
        if (cursor === "c1") return page([WAITING], "c2");
        return page([ACTIVATING]);
      },
    });
    renderApp("/manage/invitations", api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("shows an empty state", async () => {
    renderApp("/manage/invitations", stubApi({ [LIST]: page([]) }));
    expect(await screen.findByRole("heading", { name: "No invitation yet" })).toBeInTheDocument();
    expect(screen.getByText(/When you prepare a persona for a user/)).toBeInTheDocument();
  });

  it("shows the API's error with Retry", async () => {
    const user = userEvent.setup();
    const api = stubApi({ [LIST]: [apiError(503, "unavailable", "the store is unavailable"), page([WAITING])] });
    renderApp("/manage/invitations", api);
    expect(await screen.findByText("the store is unavailable")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("grid", { name: "Invitations you prepared" })).toBeInTheDocument();
  });

  it("shows the spinner while loading", async () => {
    renderApp("/manage/invitations", stubApi({ [LIST]: () => new Promise<Response>(() => {}) as unknown as Response }));
    expect(await screen.findByRole("heading", { name: "Invitations", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Loading…" })).toBeInTheDocument();
  });

  it("Resend: asks first, then shows the new link with a copy button and that the e-mail was sent, and reads the list again", async () => {
    const user = userEvent.setup();
    const api = stubApi({ [LIST]: page([WAITING]), [`POST /persona-invitations/${WAITING.request.id}/resend`]: json(200, SENT) });
    renderApp("/manage/invitations", api);
    await user.click(await screen.findByRole("button", { name: /^Resend/ }));
    const dialog = screen.getByRole("dialog", { name: "Resend this invitation?" });
    expect(within(dialog).getByText(/a new magic link replaces the current one, which stops working at once/)).toBeInTheDocument();
    expect(within(dialog).getByRole("checkbox", { name: "E-mail the new link to Alice Purple (alice@acme.test)" })).toBeChecked();
    const before = api.callsTo(LIST).length;
    await user.click(within(dialog).getByRole("button", { name: "Resend" }));
    expect(await screen.findByText("Invitation sent again")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Magic link" })).toHaveValue(SENT.magic_link);
    expect(screen.getByRole("button", { name: "Copy link" })).toBeInTheDocument();
    expect(screen.getByText(/An e-mail with the link was sent to alice@acme.test\. The link works until Nov 30, 2099/)).toBeInTheDocument();
    expect(api.callsTo(`POST /persona-invitations/${WAITING.request.id}/resend`).map((c) => c.body)).toEqual([{ send_email: true }]);
    await waitFor(() => expect(api.callsTo(LIST).length).toBeGreaterThan(before));
  });

  it("Resend without the e-mail says to give the link yourself", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [LIST]: page([WAITING]),
      [`POST /persona-invitations/${WAITING.request.id}/resend`]: json(200, { ...SENT, email_sent: false }),
    });
    renderApp("/manage/invitations", api);
    await user.click(await screen.findByRole("button", { name: /^Resend/ }));
    await user.click(screen.getByRole("checkbox", { name: /E-mail the new link/ }));
    await user.click(screen.getByRole("button", { name: "Resend" }));
    expect(await screen.findByText(/No e-mail was sent: give the link to the user yourself\./)).toBeInTheDocument();
    expect(api.callsTo(`POST /persona-invitations/${WAITING.request.id}/resend`)[0]?.body).toEqual({ send_email: false });
  });

  it("Resend refused: a 403 stays in the dialog with the API's message; a 409 closes it and says so", async () => {
    const user = userEvent.setup();
    const path = `POST /persona-invitations/${WAITING.request.id}/resend`;
    renderApp(
      "/manage/invitations",
      stubApi({
        [LIST]: page([WAITING]),
        [path]: [apiError(403, "forbidden", "the persona type or scope is outside what your admin personas manage"), apiError(409, "conflict", "the request is no longer pending")],
      }),
    );
    await user.click(await screen.findByRole("button", { name: /^Resend/ }));
    await user.click(screen.getByRole("button", { name: "Resend" }));
    const dialog = screen.getByRole("dialog");
    expect(await within(dialog).findByText("the persona type or scope is outside what your admin personas manage")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Resend" }));
    expect(await screen.findByText("This invitation changed meanwhile")).toBeInTheDocument();
    expect(screen.getByText("the request is no longer pending")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("Withdraw: asks first, cancels the request, says the link no longer works; Cancel leaves it", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [LIST]: page([WAITING]),
      [`DELETE /me/requests/${WAITING.request.id}`]: json(200, { ...WAITING.request, status: "cancelled" }),
    });
    renderApp("/manage/invitations", api);
    await user.click(await screen.findByRole("button", { name: /^Withdraw/ }));
    await user.click(within(screen.getByRole("dialog", { name: /Withdraw this invitation\?/ })).getByRole("button", { name: "Cancel" }));
    expect(api.callsTo(`DELETE /me/requests/${WAITING.request.id}`)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: /^Withdraw/ }));
    const dialog = screen.getByRole("dialog", { name: /Withdraw this invitation\?/ });
    expect(within(dialog).getByText(/its link stops working, Alice Purple can no longer accept it/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Withdraw" }));
    expect(await screen.findByText(`“${WAITING.request.title}” is withdrawn: its link no longer works.`)).toBeInTheDocument();
    expect(api.callsTo(`DELETE /me/requests/${WAITING.request.id}`)).toHaveLength(1);
  });

  it("works from the keyboard: Tab to Resend, Enter opens the dialog, Escape closes it", async () => {
    const user = userEvent.setup();
    renderApp("/manage/invitations", stubApi({ [LIST]: page([WAITING]) }));
    const resend = await screen.findByRole("button", { name: /^Resend/ });
    resend.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: "Resend this invitation?" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("speaks French", async () => {
    renderApp("/manage/invitations", stubApi({ [LIST]: page([WAITING, ACTIVATING]) }), "fr");
    const table = await screen.findByRole("grid", { name: "Invitations que vous avez préparées" });
    expect(within(table).getByText("En attente de l'utilisateur")).toBeInTheDocument();
    expect(within(table).getByText("Acceptée, en attente d'activation")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Renvoyer/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Retirer/ })).toBeInTheDocument();
  });
});
