import type { WorkRequest } from "./requests";

const ALICE = { id: "0193a0c0-0000-7000-8000-000000000001", display_name: "Alice Purple", email: "alice@acme.test" };
const BOB = { id: "0193a0c0-0000-7000-8000-000000000002", display_name: "Bob Green", email: "bob@acme.test" };

/** A pending assign_persona request that Bob (an admin) prepared for Alice. */
export function workRequest(over: Partial<WorkRequest> = {}): WorkRequest {
  return {
    id: "0193a0c0-0000-7000-8000-0000000000r1",
    kind: "assign_persona",
    title: "Assign a persona: Customer (company:acme) to Alice Purple",
    status: "pending",
    initiator: BOB,
    assignee: ALICE,
    subject: ALICE,
    persona: {
      type: "customer",
      display_name: "Customer",
      scope: ["company:acme"],
      valid_from: "2026-12-01T00:00:00Z",
      valid_until: null,
      email: "alice@acme.test",
      attributes: {},
    },
    created_at: "2026-11-22T10:00:00Z",
    expires_at: "2026-12-06T10:00:00Z",
    decided_at: null,
    decided_by: null,
    reason: null,
    failure_reason: null,
    related_request_id: null,
    ...over,
  };
}

export { ALICE, BOB };
