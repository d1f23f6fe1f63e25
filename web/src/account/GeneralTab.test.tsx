import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, stubApi } from "../test/api";
import { profile } from "../test/fixtures";

describe("My Account > General", () => {
  it("shows the profile, saves only what changed and says so", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me": json(200, profile()),
      "PATCH /me": json(200, profile({ phone: "+32 2 555 01 01", updated_at: "2026-11-24T09:00:00Z" })),
    });
    renderApp("/account/general", api);

    const phone = await screen.findByLabelText("Phone");
    expect(screen.getByLabelText("First name")).toHaveValue("Alice");
    expect(screen.getByLabelText("E-mail")).toHaveValue("alice@acme.test");
    expect(screen.getByLabelText("E-mail")).toHaveAttribute("readonly");
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();

    await user.type(phone, "+32 2 555 01 01");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Successfully edited your general information.")).toBeInTheDocument();
    expect(api.callsTo("PATCH /me")).toEqual([
      { method: "PATCH", path: "/me", authorization: "Bearer test-token", body: { phone: "+32 2 555 01 01" } },
    ]);
    expect(screen.getByLabelText("Phone")).toHaveValue("+32 2 555 01 01");
  });

  it("says it in French too", async () => {
    const user = userEvent.setup();
    renderApp("/account/general", stubApi({ "GET /me": json(200, profile()), "PATCH /me": json(200, profile({ given_name: "Alicia" })) }), "fr");
    const first = await screen.findByLabelText("Prénom");
    await user.clear(first);
    await user.type(first, "Alicia");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Vos informations générales ont été modifiées avec succès.")).toBeInTheDocument();
  });

  it("shows the API's field errors on the fields", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me": json(200, profile()),
      "PATCH /me": apiError(400, "invalid_request", "the request is not valid", { fields: { timezone: "not an IANA time zone" } }),
    });
    renderApp("/account/general", api);
    const tz = await screen.findByLabelText("Time zone");
    await user.clear(tz);
    await user.type(tz, "Mars/Olympus");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("not an IANA time zone")).toBeInTheDocument();
    expect(screen.getByLabelText("Time zone")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Time zone")).toHaveAccessibleDescription(/not an IANA time zone/);
    expect(screen.getByLabelText("Phone")).toHaveAttribute("aria-invalid", "false");
    expect(screen.queryByText("Successfully edited your general information.")).not.toBeInTheDocument();
  });

  it("shows the API's message when the profile cannot load, and Retry loads it on a 503", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me": [
        apiError(503, "unavailable", "a dependency is unavailable; nothing was changed, try again", undefined, { "Retry-After": "2" }),
        json(200, profile()),
      ],
    });
    renderApp("/account/general", api);

    expect(await screen.findByText("a dependency is unavailable; nothing was changed, try again")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));

    expect(await screen.findByLabelText("First name")).toHaveValue("Alice");
    expect(api.callsTo("GET /me")).toHaveLength(2);
  });

  it("offers Retry when Save meets a 503, and Retry sends the same changes", async () => {
    const user = userEvent.setup();
    const api = stubApi({
      "GET /me": json(200, profile()),
      "PATCH /me": [apiError(503, "unavailable", "try again"), json(200, profile({ display_name: "Ali", updated_at: "2026-11-24T09:00:00Z" }))],
    });
    renderApp("/account/general", api);
    const name = await screen.findByLabelText("Display name");
    await user.clear(name);
    await user.type(name, "Ali");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("try again")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Successfully edited your general information.")).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("PATCH /me").map((c) => c.body)).toEqual([{ display_name: "Ali" }, { display_name: "Ali" }]));
  });

  it("offers no Retry for an error that would answer the same", async () => {
    renderApp("/account/general", stubApi({ "GET /me": apiError(403, "profile_disabled", "this profile is disabled") }));
    expect(await screen.findByText("this profile is disabled")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });
});

describe("an expired session", () => {
  it("offers Sign in, and a step-up sign-in with the API's max_age when it asks for one", async () => {
    const user = userEvent.setup();
    const first = renderApp("/account/general", stubApi({ "GET /me": apiError(401, "unauthenticated", "no or invalid bearer token") }));
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(first.auth.signIn).toHaveBeenCalledOnce();
    first.unmount();

    const second = renderApp("/account/general", stubApi({ "GET /me": apiError(401, "step_up_required", "sign in again", { max_age: 300 }) }));
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(second.auth.stepUp).toHaveBeenCalledWith(300);
  });
});
