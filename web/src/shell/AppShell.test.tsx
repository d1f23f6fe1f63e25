import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import en from "../i18n/locales/en.json";
import fr from "../i18n/locales/fr.json";
import { json, renderApp, stubApi } from "../test/api";
import { persona, profile } from "../test/fixtures";


describe("the app shell", () => {
  it("offers a skip link, the product name and the guide's navigation", async () => {
    renderApp("/", stubApi({ "GET /me": json(200, profile()) }));
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main-content");
    expect(screen.getByText("Persona Portal")).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["My Account", "Applications", "My Work"]);
    expect(await screen.findByRole("heading", { name: "My Account" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("switches to French from the header", async () => {
    const user = userEvent.setup();
    renderApp("/applications", stubApi({ "GET /me/applications": json(200, { items: [], next_cursor: null }) }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "fr");
    expect(await screen.findByRole("heading", { name: "Applications" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Mon compte" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Se déconnecter" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fr");
  });

  it("shows the session's active persona in the masthead", async () => {
    renderApp(
      "/my-work",
      stubApi({ "GET /me/active-persona": json(200, { persona: persona({ type: "customer-admin", scope: ["company:acme", "company:globex"] }), source: "preferred" }) }),
    );
    expect(await screen.findByText(/Active persona: Customer admin · company:acme, company:globex/)).toBeInTheDocument();
  });

  it("signs out through the auth module", async () => {
    const user = userEvent.setup();
    const { auth } = renderApp("/my-work", stubApi({}));
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(auth.signOut).toHaveBeenCalledOnce();
  });
});

describe("the string bundles", () => {
  const keys = (o: object, p = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${p}${k}.`) : [`${p}${k}`]));

  it("hold the same keys in English and French", () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });
});
