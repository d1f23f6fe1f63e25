import type { components } from "../api/schema";

type Profile = components["schemas"]["Profile"];
type Persona = components["schemas"]["Persona"];
type Definition = components["schemas"]["Definition"];

export const ALICE_ID = "0193a0c0-0000-7000-8000-000000000001";

export function profile(over: Partial<Profile> = {}): Profile {
  return {
    id: ALICE_ID,
    email: "alice@acme.test",
    given_name: "Alice",
    family_name: "Purple",
    display_name: "Alice Purple",
    phone: "",
    locale: "en",
    timezone: "Europe/Brussels",
    attributes: {},
    status: "active",
    created_at: "2026-11-22T10:00:00Z",
    updated_at: "2026-11-22T10:00:00Z",
    ...over,
  };
}

export function persona(over: Partial<Persona> = {}): Persona {
  return {
    id: "0193a0c0-0000-7000-8000-0000000000a1",
    user_id: ALICE_ID,
    type: "customer",
    scope: ["company:acme"],
    preferred: false,
    entitlements: ["orders:read"],
    email: "alice@acme.test",
    valid_from: "2026-01-01T00:00:00Z",
    valid_until: null,
    status: { value: "accepted", changed_at: "2026-01-01T00:00:00Z", changed_by: "system:import" },
    active: true,
    delegable: true,
    attributes: {},
    delegation: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...over,
  };
}

/** The customer persona definition (scope acme and globex), as the console's and a delegated admin's lists give it. */
export function definition(over: Partial<Definition> = {}): Definition {
  return {
    type: "customer",
    display_name: "Customer",
    description: "Buys on behalf of a customer company.",
    scope_values: ["company:acme", "company:globex"],
    entitlements: ["orders:read"],
    manages: [],
    delegable: false,
    step_up_required: false,
    created_at: "2026-11-22T10:00:00Z",
    updated_at: "2026-11-22T10:00:00Z",
    ...over,
  };
}
