import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { en, fr } from "../i18n/bundles";
import { apiError, json, renderApp, stubApi } from "../test/api";
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

  it("adds a delegated admin's pages and the tenant console as GET /me/rights allows", async () => {
    const user = userEvent.setup();
    renderApp(
      "/applications",
      stubApi({
        "GET /me/applications": json(200, { items: [], next_cursor: null }),
        "GET /me/rights": json(200, { tenant_admin: true, delegated_admin: true, manages: ["customer"], step_up_required: false }),
      }),
    );
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(await within(nav).findByRole("link", { name: "Invitations" })).toHaveAttribute("href", "/manage/invitations");
    expect(within(nav).getByRole("link", { name: "Users" })).toHaveAttribute("href", "/manage/users");
    // The console folds under "Administration" until opened.
    await user.click(within(nav).getByRole("button", { name: "Administration" }));
    expect(within(nav).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/account", "/applications", "/my-work", "/manage/users", "/manage/invitations",
      "/console/definitions", "/console/users", "/console/applications", "/console/settings", "/console/import-export", "/console/audit",
    ]);
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

  it("switches the active persona from the masthead, own and lent ones, the current one checked", async () => {
    const user = userEvent.setup();
    const own = persona({ type: "customer", scope: ["company:acme"] });
    const staff = persona({ id: "0193a0c0-0000-7000-8000-0000000000a2", type: "staff", scope: ["dept:sales"] });
    const inactive = persona({ id: "0193a0c0-0000-7000-8000-0000000000a3", type: "customer-admin", active: false });
    const lent = persona({
      id: "0193a0c0-0000-7000-8000-0000000000a4",
      type: "auditor",
      scope: [],
      delegation: {
        id: "0193a0c0-0000-7000-8000-0000000000d1",
        from_user: { id: "0193a0c0-0000-7000-8000-000000000002", display_name: "Bob Green", email: "bob@acme.test" },
        valid_until: "2026-12-31T00:00:00Z",
      },
    });
    const api = stubApi({
      "GET /me/active-persona": [json(200, { persona: own, source: "preferred" })],
      "GET /me/personas": json(200, { items: [own, staff, inactive, lent], next_cursor: null }),
      "PUT /me/active-persona": json(200, { persona: lent, source: "selected" }),
    });
    renderApp("/my-work", api);
    const toggle = await screen.findByRole("button", { name: /Active persona: Customer · company:acme/ });
    await user.click(toggle);
    const list = await screen.findByRole("listbox", { name: "Switch the active persona" });
    const options = within(list).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Customer · company:acme", "Staff · dept:sales", "AuditorLent by Bob Green until Dec 31, 2026"]);
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    await user.click(options[2]!);
    expect(await screen.findByRole("button", { name: /Active persona: Auditor$/ })).toBeInTheDocument();
    expect(api.callsTo("PUT /me/active-persona").map((c) => c.body)).toEqual([{ persona_id: lent.id }]);
  });

  it("says why it signs in again when the persona needs a recent sign-in", async () => {
    const user = userEvent.setup();
    const own = persona();
    const staff = persona({ id: "0193a0c0-0000-7000-8000-0000000000a2", type: "staff", scope: ["dept:sales"] });
    renderApp(
      "/my-work",
      stubApi({
        "GET /me/active-persona": json(200, { persona: own, source: "preferred" }),
        "GET /me/personas": json(200, { items: [own, staff], next_cursor: null }),
        "PUT /me/active-persona": apiError(401, "step_up_required", "sign in again", { max_age: 300 }),
      }),
    );
    await user.click(await screen.findByRole("button", { name: /Active persona: Customer/ }));
    await user.click(await screen.findByRole("option", { name: /Staff/ }));
    expect(await screen.findByText("This persona needs you to sign in again")).toBeInTheDocument();
    // The choice itself is made again on the way back by the step-up's resume (auth/ResumeAction).
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
  // Every file of src/i18n/locales: en.json, eager.en.json, console.fr.json…
  const files = import.meta.glob<object>("../i18n/locales/*.json", { eager: true, import: "default" });
  const english = Object.keys(files).filter((path) => /[/.]en\.json$/.test(path));
  const of = (path: string) => keys(files[path]!).sort();

  it("hold the same keys in English and French, file by file", () => {
    expect(english.length * 2).toBe(Object.keys(files).length);
    for (const path of english) {
      const french = path.replace(/en\.json$/, "fr.json");
      expect(Object.keys(files), path).toContain(french);
      expect(of(french), french).toEqual(of(path));
    }
  });

  it("hold each key in one file", () => {
    const all = english.flatMap(of);
    expect(all.filter((key, i) => all.indexOf(key) !== i)).toEqual([]);
  });

  it("put the end-user portal and the eager admin keys in the first screen, nothing of the admin pages", () => {
    expect(keys(en).sort()).toEqual([...of("../i18n/locales/en.json"), ...of("../i18n/locales/eager.en.json")].sort());
    expect(keys(fr).sort()).toEqual([...of("../i18n/locales/fr.json"), ...of("../i18n/locales/eager.fr.json")].sort());
  });
});
