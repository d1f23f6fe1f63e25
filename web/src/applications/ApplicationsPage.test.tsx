import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, renderApp, stubApi } from "../test/api";

const ORDER_DESK = {
  id: "0193a0c0-0000-7000-8000-0000000000b1",
  name: "Order Desk",
  description: "Place and follow orders",
  url: "https://orders.acme.test/",
  icon_url: "https://cdn.acme.test/orders.png",
  persona_types: ["customer"],
  entitlements_any: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  via_personas: [{ id: "0193a0c0-0000-7000-8000-0000000000a1", type: "customer" }],
};

describe("Applications", () => {
  it("lists the applications the active personas open, with a link to each and through which persona", async () => {
    renderApp("/applications", stubApi({ "GET /me/applications": json(200, { items: [ORDER_DESK], next_cursor: null }) }));
    const card = await screen.findByRole("article", { name: "Order Desk" });
    expect(within(card).getByText("Place and follow orders")).toBeInTheDocument();
    expect(within(card).getByText("Customer")).toBeInTheDocument();
    const link = within(card).getByRole("link", { name: /Open Order Desk/ });
    expect(link).toHaveAttribute("href", "https://orders.acme.test/");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    // Nothing is loaded from another origin: no <img> for icon_url.
    expect(card.querySelector("img")).toBeNull();
  });

  it("says so when there is none", async () => {
    renderApp("/applications", stubApi({ "GET /me/applications": json(200, { items: [], next_cursor: null }) }));
    expect(await screen.findByRole("heading", { name: "No applications" })).toBeInTheDocument();
  });
});
