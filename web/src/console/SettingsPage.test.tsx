import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { settings } from "./testing";

describe("Settings", () => {
  it("shows every setting with what it does and its default", async () => {
    renderApp("/console/settings", stubApi({ "GET /admin/settings": json(200, settings({ portal_base_url: "https://portal.demo.test" })) }));
    expect(await screen.findByRole("checkbox", { name: "Persona delegation" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Persona delegation" })).toHaveAccessibleDescription(/lend their delegable personas.*Default: off\./);
    expect(screen.getByRole("spinbutton", { name: "Longest delegation (days)" })).toHaveValue(90);
    expect(screen.getByRole("spinbutton", { name: "Longest delegation (days)" })).toHaveAccessibleDescription(/Default: 90\./);
    expect(screen.getByRole("spinbutton", { name: "Magic link validity (hours)" })).toHaveAccessibleDescription(/Default: 168\./);
    expect(screen.getByRole("spinbutton", { name: "Request validity (hours)" })).toHaveAccessibleDescription(/Default: 336\./);
    expect(screen.getByRole("spinbutton", { name: "Requests history (days)" })).toHaveAccessibleDescription(/Default: 30\./);
    expect(screen.getByRole("spinbutton", { name: "Step-up window (seconds)" })).toHaveAccessibleDescription(/Default: 300\./);
    expect(screen.getByRole("checkbox", { name: "Create users at first sign-in" })).toHaveAccessibleDescription(/Default: on\./);
    expect(screen.getByRole("textbox", { name: "Portal address" })).toHaveValue("https://portal.demo.test");
    expect(screen.getByRole("textbox", { name: "Portal address" })).toHaveAccessibleDescription(/Default: empty\./);
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
  });

  it("saves only what changed, numbers as numbers, and says so", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/settings": json(200, settings()),
      "PUT /admin/settings": json(200, settings({ max_delegation_days: 60, persona_delegation_enabled: true, updated_at: "2026-11-24T09:00:00Z" })),
    });
    renderApp("/console/settings", api);
    const days = await screen.findByRole("spinbutton", { name: "Longest delegation (days)" });
    await user.clear(days);
    await user.type(days, "60");
    await user.click(screen.getByRole("checkbox", { name: "Persona delegation" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The settings are saved.")).toBeInTheDocument();
    expect(api.callsTo("PUT /admin/settings").map((c) => c.body)).toEqual([{ max_delegation_days: 60, persona_delegation_enabled: true }]);
    expect(screen.getByRole("spinbutton", { name: "Longest delegation (days)" })).toHaveValue(60);
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
  });

  it("puts the API's range on the field, and Cancel brings the saved values back", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/settings": json(200, settings()),
      "PUT /admin/settings": apiError(400, "invalid_request", "the request is not valid", { fields: { step_up_max_age_seconds: "must be between 0 and 86400" } }),
    });
    renderApp("/console/settings", api);
    const window = await screen.findByRole("spinbutton", { name: "Step-up window (seconds)" });
    await user.clear(window);
    await user.type(window, "90000");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Check the fields below: the portal could not save them as they are.")).toBeInTheDocument();
    expect(window).toHaveAttribute("aria-invalid", "true");
    expect(window).toHaveAccessibleDescription(/^must be between 0 and 86400/);
    expect(window).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(window).toHaveValue(300);
    expect(window).toHaveAttribute("aria-invalid", "false");
  });

  it("offers Retry when the save meets a 503", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /admin/settings": json(200, settings()),
      "PUT /admin/settings": [apiError(503, "unavailable", "try again"), json(200, settings({ auto_provision_users: false, updated_at: "2026-11-24T09:00:00Z" }))],
    });
    renderApp("/console/settings", api);
    await user.click(await screen.findByRole("checkbox", { name: "Create users at first sign-in" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByText("try again");
    await user.click(within(alert.closest(".pf-v6-c-alert") as HTMLElement).getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("The settings are saved.")).toBeInTheDocument();
    expect(api.callsTo("PUT /admin/settings").map((c) => c.body)).toEqual([{ auto_provision_users: false }, { auto_provision_users: false }]);
  });

  it("speaks French", async () => {
    renderApp("/console/settings", stubApi({ "GET /admin/settings": json(200, settings()) }), "fr");
    expect(await screen.findByRole("spinbutton", { name: "Délégation la plus longue (jours)" })).toHaveAccessibleDescription(/Par défaut : 90\./);
  });
});
