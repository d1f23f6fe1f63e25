import type { stubApi } from "../test/api";
import type { Application } from "./applications";
import type { AuditRecord } from "./audit";
import type { Settings } from "./settings";

export function application(over: Partial<Application> = {}): Application {
  return {
    id: "0193a0c0-0000-7000-8000-0000000000b1",
    name: "Order Desk",
    description: "Place and follow orders.",
    url: "https://orders.demo.test",
    icon_url: "",
    persona_types: ["customer"],
    entitlements_any: [],
    created_at: "2026-11-22T10:00:00Z",
    updated_at: "2026-11-22T10:00:00Z",
    ...over,
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    persona_delegation_enabled: false,
    max_delegation_days: 90,
    magic_link_ttl_hours: 168,
    request_ttl_hours: 336,
    history_days: 30,
    step_up_max_age_seconds: 300,
    auto_provision_users: true,
    portal_base_url: "",
    updated_at: "2026-11-22T10:00:00Z",
    ...over,
  };
}

export function auditRecord(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: "0193a0c0-0000-7000-8000-0000000000c1",
    at: "2026-11-23T09:00:00Z",
    actor: "0193a0c0-0000-7000-8000-0000000000ad",
    action: "profile.updated",
    target: { kind: "profile", id: "0193a0c0-0000-7000-8000-000000000001", user_id: "0193a0c0-0000-7000-8000-000000000001" },
    before: { email: "alice@acme.test", display_name: "", phone: "" },
    after: { email: "alice@acme.test", display_name: "Ali", phone: "" },
    ...over,
  };
}

/** A list page of the API. */
export const page = <T>(items: T[], next_cursor: string | null = null) => ({ items, next_cursor });

export interface TextCall {
  method: string;
  path: string;
  search: string;
  contentType: string | null;
  body: string;
}

/**
 * The stub, with some routes answered from their raw text body (an import's
 * CSV or NDJSON, which the stub would read as JSON).
 */
export function withTextRoutes(api: ReturnType<typeof stubApi>, routes: Record<string, (call: TextCall) => Response>) {
  const textCalls: TextCall[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return api.fetch(request);
    const call = { method: request.method, path: url.pathname, search: url.search, contentType: request.headers.get("Content-Type"), body: await request.text() };
    textCalls.push(call);
    return route(call);
  };
  return { ...api, fetch: fetchFn as typeof fetch, textCalls };
}
