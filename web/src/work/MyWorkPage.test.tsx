import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { stubApiWithQuery } from "./testing";
import { ALICE, BOB, workRequest } from "./fixtures";

const list = (...items: unknown[]) => json(200, { items, next_cursor: null });

const ASSIGN = workRequest();
const ACTIVATE = workRequest({
  id: "0193a0c0-0000-7000-8000-0000000000r2",
  kind: "activate_persona",
  title: "Activate a persona: Customer (company:acme) for Carol Blue",
  initiator: ALICE,
  assignee: BOB,
});

describe("My Work", () => {
  it("lists Requests Approval with title, status, dates and the guide's buttons", async () => {
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": list(ASSIGN, ACTIVATE) }));
    expect(await screen.findByRole("heading", { name: "My Work" })).toBeInTheDocument();
    const table = await screen.findByRole("grid", { name: "Requests Approval" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText(ASSIGN.title)).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Pending")).toBeInTheDocument();
    expect(within(rows[0]!).getByText(/Nov 22, 2026/)).toBeInTheDocument();
    expect(within(rows[0]!).getByText(/Dec 6, 2026/)).toBeInTheDocument();
    for (const name of ["View", "Accept", "Reject", "Copy request ID of"]) {
      expect(within(rows[0]!).getByRole("button", { name: new RegExp(`^${name}`) })).toBeInTheDocument();
    }
    expect(within(rows[0]!).queryByRole("button", { name: /^Delete/ })).not.toBeInTheDocument();
  });

  it("searches by title with ?q=, after the typing stops", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({
      "GET /me/requests/approvals": () => (q().get("q") === "carol" ? list(ACTIVATE) : list(ASSIGN, ACTIVATE)),
    }));
    renderApp("/my-work", api);
    expect(await screen.findByText(ASSIGN.title)).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Search by title" }), "carol");
    await waitFor(() => expect(screen.queryByText(ASSIGN.title)).not.toBeInTheDocument());
    expect(screen.getByText(ACTIVATE.title)).toBeInTheDocument();
    // Debounced: one request for the whole word, none per letter.
    expect(api.queriesTo("GET /me/requests/approvals").map((query) => query.get("q"))).toEqual([null, "carol"]);
  });

  it("says so when a tab is empty, and when a search finds nothing", async () => {
    const user = userEvent.setup();
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": list() }));
    expect(await screen.findByRole("heading", { name: "Nothing to approve" })).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Search by title" }), "zzz");
    expect(await screen.findByRole("heading", { name: "No matching requests" })).toBeInTheDocument();
  });

  it("pages with Load more", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({
      "GET /me/requests/approvals": () => (q().get("cursor") === "c1" ? list(ACTIVATE) : json(200, { items: [ASSIGN], next_cursor: "c1" })),
    }));
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("button", { name: "Load more" }));
    expect(await screen.findByText(ACTIVATE.title)).toBeInTheDocument();
    expect(screen.getByText(ASSIGN.title)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("Accept opens a confirmation with the request's details, then accepts and shows the result", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/approvals": [list(ASSIGN), list()],
      [`POST /me/requests/${ASSIGN.id}/accept`]: json(200, { ...ASSIGN, status: "accepted" }),
    });
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("button", { name: `Accept ${ASSIGN.title}` }));
    const dialog = await screen.findByRole("dialog", { name: "Accept this request?" });
    expect(within(dialog).getByText("Bob Green")).toBeInTheDocument();
    expect(within(dialog).getByText("company:acme")).toBeInTheDocument();
    expect(api.callsTo(`POST /me/requests/${ASSIGN.id}/accept`)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText(`You accepted “${ASSIGN.title}”.`)).toBeInTheDocument();
    expect(screen.getByText(/waits for the administrator's approval/)).toBeInTheDocument();
    expect(api.callsTo(`POST /me/requests/${ASSIGN.id}/accept`)).toHaveLength(1);
    expect(await screen.findByRole("heading", { name: "Nothing to approve" })).toBeInTheDocument();
  });

  it("shows an accepted request that failed its re-check with the failure reason", async () => {
    const user = userEvent.setup();
    renderApp(
      "/my-work",
      stubApi({
        "GET /me/requests/approvals": list(ACTIVATE),
        [`POST /me/requests/${ACTIVATE.id}/accept`]: json(200, { ...ACTIVATE, status: "failed", failure_reason: "the admin no longer manages this scope" }),
      }),
    );
    await user.click(await screen.findByRole("button", { name: `Accept ${ACTIVATE.title}` }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("the admin no longer manages this scope")).toBeInTheDocument();
    expect(screen.getByText(`“${ACTIVATE.title}” failed`)).toBeInTheDocument();
  });

  it("says clearly when someone decided meanwhile (409) and reads the list again", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/approvals": [list(ASSIGN), list()],
      [`POST /me/requests/${ASSIGN.id}/accept`]: apiError(409, "conflict", "the request is no longer pending"),
    });
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("button", { name: `Accept ${ASSIGN.title}` }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("Someone decided this request meanwhile")).toBeInTheDocument();
    expect(screen.getByText("the request is no longer pending")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET /me/requests/approvals")).toHaveLength(2));
  });

  it("Reject sends the reason", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/approvals": list(ASSIGN),
      [`POST /me/requests/${ASSIGN.id}/reject`]: json(200, { ...ASSIGN, status: "rejected", reason: "wrong company" }),
    });
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("button", { name: `Reject ${ASSIGN.title}` }));
    const dialog = await screen.findByRole("dialog", { name: "Reject this request?" });
    await user.type(within(dialog).getByRole("textbox", { name: "Reason (optional)" }), "wrong company");
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await screen.findByText(`You rejected “${ASSIGN.title}”.`)).toBeInTheDocument();
    expect(api.callsTo(`POST /me/requests/${ASSIGN.id}/reject`).map((c) => c.body)).toEqual([{ reason: "wrong company" }]);
  });

  it("Follow Up: Delete asks first, then cancels the request", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me/requests/follow-up": [list(ACTIVATE), list()],
      [`DELETE /me/requests/${ACTIVATE.id}`]: json(200, { ...ACTIVATE, status: "cancelled" }),
    });
    renderApp("/my-work?tab=follow-up", api);
    expect(await screen.findByRole("tab", { name: "Requests Follow Up" })).toHaveAttribute("aria-selected", "true");
    const row = (await screen.findByText(ACTIVATE.title)).closest("tr")!;
    expect(within(row).queryByRole("button", { name: /^Accept/ })).not.toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: `Delete ${ACTIVATE.title}` }));
    const dialog = await screen.findByRole("dialog", { name: /Delete this request\?/ });
    expect(within(dialog).getByText(/kept|stays in Requests History/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText(/is deleted: it is cancelled and kept in Requests History/)).toBeInTheDocument();
    expect(api.callsTo(`DELETE /me/requests/${ACTIVATE.id}`)).toHaveLength(1);
  });

  it("Requests History filters by status and shows a request's details with View", async () => {
    const user = userEvent.setup();
    const failed = workRequest({ status: "failed", failure_reason: "the definition is gone", decided_at: "2026-11-23T09:00:00Z" });
    const api = stubApiWithQuery((q) => ({
      "GET /me/requests/history": () => (q().get("status") === "failed" ? list(failed) : list(failed, { ...ACTIVATE, status: "accepted" })),
    }));
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("tab", { name: "Requests History" }));
    expect(await screen.findByText(ACTIVATE.title)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "failed");
    await waitFor(() => expect(screen.queryByText(ACTIVATE.title)).not.toBeInTheDocument());
    expect(api.queriesTo("GET /me/requests/history").at(-1)!.get("status")).toBe("failed");
    await user.click(screen.getByRole("button", { name: `View ${failed.title}` }));
    const dialog = await screen.findByRole("dialog", { name: "Request details" });
    expect(within(dialog).getByText("the definition is gone")).toBeInTheDocument();
    expect(within(dialog).getByText("Failed")).toBeInTheDocument();
  });

  it("shows the API's message when a list does not load", async () => {
    renderApp("/my-work", stubApi({ "GET /me/requests/approvals": apiError(503, "unavailable", "the store is unavailable") }));
    expect(await screen.findByText("the store is unavailable")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it.each([
    ["Requests Approval", "/me/requests/approvals"],
    ["Requests Follow Up", "/me/requests/follow-up"],
    ["Requests History", "/me/requests/history"],
  ])("%s lists its requests and searches them by title", async (tab, path) => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({
      [`GET ${path}`]: () => (q().get("q") === "assign" ? list(ASSIGN) : list(ASSIGN, ACTIVATE)),
    }));
    renderApp("/my-work", api);
    await user.click(await screen.findByRole("tab", { name: tab }));
    expect(await screen.findByRole("grid", { name: tab })).toBeInTheDocument();
    expect(screen.getByText(ACTIVATE.title)).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Search by title" }), "assign");
    await waitFor(() => expect(screen.queryByText(ACTIVATE.title)).not.toBeInTheDocument());
    expect(screen.getByText(ASSIGN.title)).toBeInTheDocument();
    expect(api.queriesTo(`GET ${path}`).at(-1)!.get("q")).toBe("assign");
  });

  it("copies a request's ID and says so", async () => {
    const user = userEvent.setup();
    renderApp("/my-work?tab=follow-up", stubApi({ "GET /me/requests/follow-up": list(ACTIVATE) }));
    const copy = await screen.findByRole("button", { name: `Copy request ID of ${ACTIVATE.title}` });
    await user.click(copy);
    expect(await within(copy).findByText("Copied")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(ACTIVATE.id);
  });
});
