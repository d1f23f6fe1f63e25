import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { profile } from "../test/fixtures";
import { workRequest } from "../work/fixtures";

const TOKEN = "mL-3xQ9v_token-with-256-bits-of-randomness-AbCdEf0123456789";
const LINK = `/magic-links/${TOKEN}`;
const REQUEST = workRequest({ persona: { ...workRequest().persona, scope: ["company:acme", "site:brussels"], valid_until: "2027-06-30T00:00:00Z" } });

describe("the magic-link page", () => {
  it("shows a read-only preview, and opening it sends only GETs", async () => {
    const log = vi.spyOn(console, "log");
    const api = stubApi({ [`GET ${LINK}`]: json(200, REQUEST) });
    renderApp(`/magic/${TOKEN}`, api);
    expect(await screen.findByText("Bob Green prepared the persona Customer for Alice Purple.")).toBeInTheDocument();
    const preview = screen.getByLabelText("The request");
    expect(within(preview).getByText("Bob Green (bob@acme.test)")).toBeInTheDocument();
    expect(within(preview).getByText("company:acme")).toBeInTheDocument();
    expect(within(preview).getByText("site:brussels")).toBeInTheDocument();
    expect(within(preview).getByText("Alice Purple (alice@acme.test)")).toBeInTheDocument();
    expect(within(preview).getByText(/Dec 6, 2026/)).toBeInTheDocument(); // the link's expires_at
    expect(screen.getByRole("button", { name: "Accept" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reject" })).toBeInTheDocument();

    expect(api.calls.every((c) => c.method === "GET")).toBe(true);
    expect(api.callsTo(`GET ${LINK}`)).toHaveLength(1);
    // The token goes to the API only: no link or image carries it, nothing logs it.
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect(log.mock.calls.flat().join(" ")).not.toContain(TOKEN);
    log.mockRestore();
  });

  it("accepts with the button and says the persona now waits for the administrator", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [`GET ${LINK}`]: json(200, REQUEST),
      [`POST ${LINK}/accept`]: json(200, { ...REQUEST, status: "accepted" }),
    });
    renderApp(`/magic/${TOKEN}`, api);
    await user.click(await screen.findByRole("button", { name: "Accept" }));
    expect(await screen.findByRole("heading", { name: "Request accepted" })).toBeInTheDocument();
    expect(screen.getByText(/waiting for the administrator's approval/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to My Work" })).toHaveAttribute("href", "/my-work");
    expect(api.callsTo(`POST ${LINK}/accept`)).toHaveLength(1);
  });

  it("rejects with an optional reason", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      [`GET ${LINK}`]: json(200, REQUEST),
      [`POST ${LINK}/reject`]: json(200, { ...REQUEST, status: "rejected", reason: "not my company" }),
    });
    renderApp(`/magic/${TOKEN}`, api);
    await user.click(await screen.findByRole("button", { name: "Reject" }));
    await user.type(screen.getByRole("textbox", { name: "Reason (optional)" }), "not my company");
    await user.click(screen.getByRole("button", { name: "Reject" }));
    expect(await screen.findByRole("heading", { name: "Request rejected" })).toBeInTheDocument();
    expect(api.callsTo(`POST ${LINK}/reject`).map((c) => c.body)).toEqual([{ reason: "not my company" }]);
  });

  // Each reason the API gives (details.reason) has its own screen: what happened, and where to go next.
  const REASONS = [
    {
      reason: "used",
      message: "this magic link was already used",
      title: "You already answered this invitation",
      body: /^This link was used to accept or reject the request, so it cannot be used again\./,
      link: "Open Requests History",
      href: "/my-work?tab=history",
      fr: ["Vous avez déjà répondu à cette invitation", "Ouvrir l’historique des demandes"],
    },
    {
      reason: "expired",
      message: "this magic link has expired",
      title: "This link has expired",
      body: /Ask the person who prepared the persona to send it again/,
      link: "Go to My Work",
      href: "/my-work",
      fr: ["Ce lien a expiré", "Aller à Mon travail"],
    },
    {
      reason: "withdrawn",
      message: "this invitation was withdrawn: the link is no longer valid",
      title: "This invitation was withdrawn",
      body: /^The person who prepared the persona withdrew it/,
      link: "Open Requests History",
      href: "/my-work?tab=history",
      fr: ["Cette invitation a été retirée", "Ouvrir l’historique des demandes"],
    },
    {
      reason: "replaced",
      message: "this magic link is no longer valid: a newer link was sent",
      title: "A newer link was sent",
      body: /Use the link in the latest e-mail about it, or answer the request in My Work\.$/,
      link: "Go to My Work",
      href: "/my-work",
      fr: ["Un lien plus récent a été envoyé", "Aller à Mon travail"],
    },
    {
      reason: "decided",
      message: "the request of this magic link was already decided",
      title: "This request was already decided",
      body: /You can see the outcome in My Work, under Requests History\.$/,
      link: "Open Requests History",
      href: "/my-work?tab=history",
      fr: ["Cette demande a déjà été traitée", "Ouvrir l’historique des demandes"],
    },
  ];

  it.each(REASONS)("410 $reason: its own title, what happened and the next step, not the API's English", async ({ reason, message, title, body, link, href }) => {
    renderApp(`/magic/${TOKEN}`, stubApi({ [`GET ${LINK}`]: apiError(410, "gone", message, { reason }) }));
    expect(await screen.findByRole("heading", { name: title, level: 2 })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent(body);
    expect(screen.getByRole("link", { name: link })).toHaveAttribute("href", href);
    expect(screen.queryByText(new RegExp(message, "i"))).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "This link can no longer be used" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept" })).not.toBeInTheDocument();
  });

  it.each(REASONS)("410 $reason speaks French, with nothing of the API's English", async ({ reason, message, fr: [title, link] }) => {
    renderApp(`/magic/${TOKEN}`, stubApi({ [`GET ${LINK}`]: apiError(410, "gone", message, { reason }) }), "fr");
    expect(await screen.findByRole("heading", { name: title, level: 2 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: link })).toBeInTheDocument();
    expect(screen.getByRole("alert").textContent).not.toMatch(/link|request/i);
  });

  it("410 without a reason: the generic screen, with the API's message as a sentence of its own before what a link is for", async () => {
    renderApp(`/magic/${TOKEN}`, stubApi({ [`GET ${LINK}`]: apiError(410, "gone", "this magic link was already used") }));
    expect(await screen.findByRole("heading", { name: "This link can no longer be used" })).toBeInTheDocument();
    const message = screen.getByRole("alert");
    expect(message).toHaveTextContent(/^This magic link was already used\.$/);
    expect(message.tagName).toBe("P");
    expect(screen.getByText(/^A link works once/).tagName).toBe("P");
    expect(screen.getByRole("link", { name: "Go to My Work" })).toHaveAttribute("href", "/my-work");
    expect(screen.queryByRole("button", { name: "Accept" })).not.toBeInTheDocument();
  });

  it("410 with a reason this portal does not know: the generic screen", async () => {
    renderApp(`/magic/${TOKEN}`, stubApi({ [`GET ${LINK}`]: apiError(410, "gone", "This link was recalled.", { reason: "recalled" }) }));
    expect(await screen.findByRole("heading", { name: "This link can no longer be used" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This link was recalled.");
  });

  it("410 on Accept (withdrawn meanwhile) shows the reason's screen", async () => {
    const user = userEvent.setup();
    renderApp(
      `/magic/${TOKEN}`,
      stubApi({
        [`GET ${LINK}`]: json(200, REQUEST),
        [`POST ${LINK}/accept`]: apiError(410, "gone", "this invitation was withdrawn: the link is no longer valid", { reason: "withdrawn" }),
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Accept" }));
    expect(await screen.findByRole("heading", { name: "This invitation was withdrawn" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept" })).not.toBeInTheDocument();
  });

  it("404: says who is signed in and offers to sign out", async () => {
    const user = userEvent.setup();
    const { auth } = renderApp(
      `/magic/${TOKEN}`,
      stubApi({
        [`GET ${LINK}`]: apiError(404, "not_found", "not found"),
        "GET /me": json(200, profile({ display_name: "Carol Blue", email: "carol@acme.test" })),
      }),
    );
    expect(await screen.findByRole("heading", { name: "This link is not for this account" })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText("You are signed in as Carol Blue (carol@acme.test); this link may be for someone else — sign out and sign in as the recipient.")).toBeInTheDocument(),
    );
    const main = screen.getByRole("main");
    await user.click(within(main).getByRole("button", { name: "Sign out" }));
    expect(auth.signOut).toHaveBeenCalledOnce();
  });

  it("404: names a user without a display name by first and last name", async () => {
    renderApp(
      `/magic/${TOKEN}`,
      stubApi({
        [`GET ${LINK}`]: apiError(404, "not_found", "not found"),
        "GET /me": json(200, profile({ display_name: "", given_name: "Carol", family_name: "White", email: "carol@globex.test" })),
      }),
    );
    expect(await screen.findByText(/^You are signed in as Carol White \(carol@globex\.test\);/)).toBeInTheDocument();
  });

  it("speaks French", async () => {
    renderApp(`/magic/${TOKEN}`, stubApi({ [`GET ${LINK}`]: json(200, REQUEST) }), "fr");
    expect(await screen.findByText("Bob Green a préparé la persona Customer pour Alice Purple.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Accepter" })).toBeInTheDocument();
  });
});
