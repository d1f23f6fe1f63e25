import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { createApiClient } from "../api/client";
import { stepUpOn401 } from "../auth/session";
import { createI18n } from "../i18n";
import { API, apiError, json, renderApp, stubApi, stubAuth } from "../test/api";
import { stubApiWithQuery } from "../work/testing";
import { CAROL, DAN } from "./fixtures";

const page = (items: unknown[], next_cursor: string | null = null) => json(200, { items, next_cursor });

describe("Users (delegated admin)", () => {
  it("lists the users in scope with the guide's three dots → View, which opens the user", async () => {
    const user = userEvent.setup();
    renderApp(
      "/manage/users",
      stubApi({
        "GET /users": page([CAROL, { ...DAN, status: "disabled" }]),
        [`GET /users/${CAROL.id}`]: json(200, CAROL),
      }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Users" })).toBeInTheDocument();
    const table = await screen.findByRole("grid", { name: "Users in your scope" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("carol@globex.test")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Active")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Disabled")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Prepare a persona" })).toBeInTheDocument();

    await user.click(within(rows[0]!).getByRole("button", { name: "Actions for Carol White" }));
    await user.click(await screen.findByRole("menuitem", { name: "View" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Carol White" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Personas" })).toBeInTheDocument();
  });

  it("searches by name or e-mail with ?q=, after the typing stops", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({ "GET /users": () => (q().get("q") === "carol" ? page([CAROL]) : page([CAROL, DAN])) }));
    renderApp("/manage/users", api);
    expect(await screen.findByText("Dan Brown")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Search by name or e-mail" }), "carol");
    await waitFor(() => expect(screen.queryByText("Dan Brown")).not.toBeInTheDocument());
    expect(screen.getByText("Carol White")).toBeInTheDocument();
    expect(api.queriesTo("GET /users").map((query) => query.get("q"))).toEqual([null, "carol"]);
  });

  it("pages with Load more, and shows a user listed on two pages once", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({ "GET /users": () => (q().get("cursor") === "c1" ? page([CAROL, DAN]) : page([CAROL], "c1")) }));
    renderApp("/manage/users", api);
    expect(await screen.findByText("Carol White")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Dan Brown")).toBeInTheDocument();
    expect(screen.getAllByText("Carol White")).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("reads on through empty search pages while next_cursor is set, until it finds someone", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({
      "GET /users": () => {
        if (!q().get("q")) return page([CAROL]);
        const n = Number(q().get("cursor") ?? "0");
        return n < 3 ? page([], String(n + 1)) : page([DAN]);
      },
    }));
    renderApp("/manage/users", api);
    await screen.findByText("Carol White");
    await user.type(screen.getByRole("textbox", { name: "Search by name or e-mail" }), "dan");
    expect(await screen.findByText("Dan Brown")).toBeInTheDocument();
    expect(api.queriesTo("GET /users").filter((x) => x.get("q") === "dan").map((x) => x.get("cursor"))).toEqual([null, "1", "2", "3"]);
  });

  it("stops reading on after a few empty search pages and offers Load more", async () => {
    const user = userEvent.setup();
    let n = 0;
    const api = stubApiWithQuery((q) => ({ "GET /users": () => (q().get("q") ? page([], `c${++n}`) : page([CAROL])) }));
    renderApp("/manage/users", api);
    await screen.findByText("Carol White");
    // Pasted at once: typed letter by letter on a loaded machine, the debounce may search "nob" first.
    await user.click(screen.getByRole("textbox", { name: "Search by name or e-mail" }));
    await user.paste("nobody");
    expect(await screen.findByRole("heading", { name: "No matching users so far" })).toBeInTheDocument();
    const searched = () => api.queriesTo("GET /users").filter((x) => x.get("q") === "nobody").length;
    await waitFor(() => expect(searched()).toBe(5));
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(searched()).toBe(6));
  });

  it("says so when no user is in scope yet, with the way to add one", async () => {
    renderApp("/manage/users", stubApi({ "GET /users": page([]) }));
    expect(await screen.findByRole("heading", { name: "No users in your scope yet" })).toBeInTheDocument();
    expect(screen.getByText(/Use Prepare a persona to add one/)).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Prepare a persona" })).toHaveLength(2);
  });

  it("says so when a search finds nobody", async () => {
    const user = userEvent.setup();
    const api = stubApiWithQuery((q) => ({ "GET /users": () => (q().get("q") ? page([]) : page([CAROL])) }));
    renderApp("/manage/users", api);
    await screen.findByText("Carol White");
    await user.type(screen.getByRole("textbox", { name: "Search by name or e-mail" }), "zzz");
    expect(await screen.findByRole("heading", { name: "No matching users" })).toBeInTheDocument();
  });

  it("shows the API's message when the list does not load, with Retry when it can help", async () => {
    renderApp("/manage/users", stubApi({ "GET /users": apiError(503, "unavailable", "the store is unavailable", undefined, { "Retry-After": "5" }) }));
    expect(await screen.findByText("the store is unavailable")).toBeInTheDocument();
    expect(screen.getByText("Try again in 5 seconds.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("shows a refusal (no admin persona any more) without Retry", async () => {
    renderApp("/manage/users", stubApi({ "GET /users": apiError(403, "forbidden", "this operation is for delegated admins") }));
    expect(await screen.findByText("this operation is for delegated admins")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });

  it("rights waiting for a step-up: the API client signs in again with the max_age asked, back to Users", async () => {
    const auth = stubAuth();
    const storage = window.sessionStorage;
    storage.clear();
    const api = stubApi({ "GET /users": apiError(401, "step_up_required", "sign in again", { max_age: 300 }) });
    render(
      <MemoryRouter initialEntries={["/manage/users"]}>
        <App
          deps={{
            auth,
            api: createApiClient(API, () => auth.accessToken(), api.fetch, (response, sent) => stepUpOn401(auth, response, sent, { storage, page: "/manage/users" })),
            queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }),
            i18n: createI18n("en"),
          }}
        />
      </MemoryRouter>,
    );
    await waitFor(() => expect(auth.stepUp).toHaveBeenCalledWith(300, "/manage/users"));
    // Should the provider send it back without a fresh sign-in, the page offers Sign in itself.
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(vi.mocked(auth.stepUp).mock.calls).toEqual([[300, "/manage/users"], [300]]);
    storage.clear();
  });

  it("speaks French", async () => {
    renderApp("/manage/users", stubApi({ "GET /users": page([]) }), "fr");
    expect(await screen.findByRole("heading", { name: "Aucun utilisateur dans votre périmètre pour l’instant" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Rechercher par nom ou e-mail" })).toBeInTheDocument();
  });
});
