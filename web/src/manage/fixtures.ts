import { definition, persona, profile } from "../test/fixtures";
import type { Definition } from "./users";

export const CAROL_ID = "0193a0c0-0000-7000-8000-000000000003";

/** Carol, in Bob's scope through a customer persona of company:globex. */
export const CAROL = profile({ id: CAROL_ID, email: "carol@globex.test", given_name: "Carol", family_name: "White", display_name: "Carol White" });
export const DAN = profile({ id: "0193a0c0-0000-7000-8000-000000000004", email: "dan@acme.test", given_name: "Dan", family_name: "Brown", display_name: "Dan Brown" });

export const CAROL_CUSTOMER = persona({
  id: "0193a0c0-0000-7000-8000-0000000000c1",
  user_id: CAROL_ID,
  scope: ["company:globex"],
  email: "carol@globex.test",
  attributes: { account: "G-17" },
});

/** What GET /persona-definitions gives Bob: customer, its scope_values cut to his own scope (no initech). */
export const CUSTOMER: Definition = definition({ created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" });

export const SUPPLIER: Definition = { ...CUSTOMER, type: "supplier", display_name: "Supplier", description: "Sells to the company.", scope_values: ["company:acme"] };
