import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { persona } from "../test/fixtures";
import { BOB, workRequest } from "../work/fixtures";
import type { BlockedAction } from "./blocked";

const list = (...items: unknown[]) => json(200, { items, next_cursor: null });
const ACTIVATE = workRequest({
  id: "0193a0c0-0000-7000-8000-0000000000r2",
  kind: "activate_persona",
  title: "Activate a persona: Customer (company:acme) for Carol White",
  assignee: BOB,
});
const PAGE = "/my-work?tab=approval";
const ACCEPT: BlockedAction = {
  method: "POST",
  path: `/me/requests/${ACTIVATE.id}/accept`,
  returnTo: PAGE,
  label: "acceptRequest",
  at: Date.now(),
  sub: "demo|test-user",
};
const ACCEPT_KEY = `POST /me/requests/${ACTIVATE.id}/accept`;

describe("back from a step-up, the blocked action", () => {
  afterEach(() => window.sessionStorage.clear());

  it("is sent again once, says it is done, and every list is read again", async () => {
    let accepted = false;
    const stub = stubApi({
      "GET /me/requests/approvals": () => (accepted ? list() : list(ACTIVATE)),
      [ACCEPT_KEY]: () => {
        accepted = true;
        return json(200, { ...ACTIVATE, status: "accepted" });
      },
    });
    // The accept is answered once the page has listed the request, as when the page loads first.
    let listed: () => void = () => {};
    const pageLoaded = new Promise<void>((resolve) => (listed = resolve));
    const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === "GET") {
        const answer = await stub.fetch(request);
        listed();
        return answer;
      }
      await pageLoaded;
      return stub.fetch(request);
    };
    const api = { ...stub, fetch: fetchFn as typeof fetch };
    renderApp(PAGE, api, "en", { resume: ACCEPT });
    expect(await screen.findByText(ACTIVATE.title)).toBeInTheDocument();
    const done = await screen.findByText("You signed in again: “Accept the request” is done.");
    expect(done.closest(".pf-v6-c-alert")).toHaveTextContent(ACTIVATE.title);
    // The approval list no longer holds the request: it was read again after the answer.
    expect(await screen.findByRole("heading", { name: "Nothing to approve" })).toBeInTheDocument();
    expect(api.callsTo(ACCEPT_KEY)).toEqual([{ method: "POST", path: `/me/requests/${ACTIVATE.id}/accept`, authorization: "Bearer test-token", body: undefined }]);
  });

  it("is sent with its JSON body", async () => {
    const body = { to_email: "carol@globex.test", valid_until: "2026-12-31T00:00:00Z" };
    const api = stubApi({
      "GET /me": json(200, {}),
      "POST /me/personas/p1/delegations": json(201, { id: "d1" }),
    });
    renderApp("/account/personas", api, "en", {
      resume: { ...ACCEPT, method: "POST", path: "/me/personas/p1/delegations", body, returnTo: "/account/personas", label: "lendPersona" },
    });
    expect(await screen.findByText("You signed in again: “Delegate persona” is done.")).toBeInTheDocument();
    expect(api.callsTo("POST /me/personas/p1/delegations").map((c) => c.body)).toEqual([body]);
  });

  it("shows the API's message when it does not go through", async () => {
    const api = stubApi({
      "GET /me/requests/approvals": list(),
      [ACCEPT_KEY]: apiError(409, "conflict", "the request is no longer pending"),
    });
    renderApp(PAGE, api, "en", { resume: ACCEPT });
    const failed = await screen.findByText("You signed in again, but “Accept the request” did not go through.");
    expect(failed.closest(".pf-v6-c-alert")).toHaveTextContent("The request is no longer pending.");
    expect(api.callsTo(ACCEPT_KEY)).toHaveLength(1);
  });

  it("says so when the request's effect failed", async () => {
    const api = stubApi({
      "GET /me/requests/approvals": list(),
      [ACCEPT_KEY]: json(200, { ...ACTIVATE, status: "failed", failure_reason: "The persona type no longer exists." }),
    });
    renderApp(PAGE, api, "en", { resume: ACCEPT });
    const failed = await screen.findByText("You signed in again, but “Accept the request” did not go through.");
    expect(failed.closest(".pf-v6-c-alert")).toHaveTextContent("The persona type no longer exists.");
  });

  it("never leaves for a second step-up: the provider may have ignored max_age", async () => {
    const api = stubApi({
      "GET /me/requests/approvals": list(ACTIVATE),
      [ACCEPT_KEY]: apiError(401, "step_up_required", "this persona needs a recent sign-in", { max_age: 300 }),
    });
    const { auth } = renderApp(PAGE, api, "en", { resume: ACCEPT, stepUp: true });
    const failed = await screen.findByText("You signed in again, but “Accept the request” did not go through.");
    expect(failed.closest(".pf-v6-c-alert")).toHaveTextContent("This persona needs a recent sign-in.");
    expect(auth.stepUp).not.toHaveBeenCalled();
    expect(window.sessionStorage.getItem("pp.blocked")).toBeNull();
    expect(api.callsTo(ACCEPT_KEY)).toHaveLength(1);
  });

  it("makes the persona choice again, and the masthead shows it", async () => {
    const staff = persona({ id: "0193a0c0-0000-7000-8000-0000000000a2", type: "staff", scope: ["dept:sales"] });
    const api = stubApi({
      "GET /me/active-persona": [json(200, { persona: persona(), source: "preferred" }), json(200, { persona: staff, source: "selected" })],
      "GET /me/personas": list(persona(), staff),
      "GET /me/requests/approvals": list(),
      "GET /me/applications": list(),
      "PUT /me/active-persona": json(200, { persona: staff, source: "selected" }),
    });
    renderApp(PAGE, api, "en", {
      resume: { ...ACCEPT, method: "PUT", path: "/me/active-persona", body: { persona_id: staff.id }, label: "switchPersona" },
    });
    expect(await screen.findByText("You signed in again: “Switch the active persona” is done.")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: /Active persona: Staff · dept:sales/ })).toBeInTheDocument();
    expect(api.callsTo("PUT /me/active-persona").map((c) => c.body)).toEqual([{ persona_id: staff.id }]);
    // The message belongs to the page it came back to: gone once the user moves on.
    await userEvent.click(screen.getByRole("link", { name: "Applications" }));
    await waitFor(() => expect(screen.queryByText(/You signed in again/)).not.toBeInTheDocument());
  });

  it("is said in French too, and can be closed", async () => {
    const api = stubApi({ "GET /me/requests/approvals": list(), [ACCEPT_KEY]: json(200, { ...ACTIVATE, status: "accepted" }) });
    renderApp(PAGE, api, "fr", { resume: ACCEPT });
    const done = await screen.findByText("Reconnexion réussie : « Accepter la demande » est fait.");
    const alert = done.closest<HTMLElement>(".pf-v6-c-alert")!;
    await userEvent.click(within(alert).getByRole("button"));
    await waitFor(() => expect(screen.queryByText(/Reconnexion réussie/)).not.toBeInTheDocument());
  });
});
