import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components, operations } from "../api/schema";
import { dayEnd, dayStart } from "./fields";
import { pageQuery } from "./lists";
import { findUserByEmail } from "./users";

export type AuditRecord = components["schemas"]["AuditRecord"];
type AuditQuery = NonNullable<operations["list-audit"]["parameters"]["query"]>;

/** What the audit trail is narrowed to, as typed (a user and an actor by e-mail or ID) and kept in the address. */
export interface AuditFilter {
  user: string;
  actor: string;
  action: string;
  /** Days, yyyy-mm-dd, in the browser's time zone; both included. */
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { user: "", actor: "", action: "", from: "", to: "" };

/** Every action the API records, by what it is about. */
export const ACTIONS: Record<string, string[]> = {
  profile: ["profile.created", "profile.provisioned", "profile.linked", "profile.updated", "profile.disabled"],
  persona: ["persona.added", "persona.updated", "persona.revoked", "persona.preferred", "persona.selected", "persona.expired"],
  user: ["user.imported"],
  request: ["request.created", "request.accepted", "request.rejected", "request.failed", "request.cancelled", "request.expired"],
  delegation: ["delegation.created", "delegation.revoked", "delegation.expired"],
  definition: ["definition.created", "definition.replaced", "definition.deleted"],
  application: ["application.created", "application.replaced", "application.deleted"],
  settings: ["settings.updated"],
};

/** Raised when a filter names an e-mail no user has: nothing can match. */
export class UnknownEmail extends Error {
  constructor(readonly email: string) {
    super(email);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUserId = (v: string) => UUID.test(v);

/** A user typed as an e-mail becomes their ID; an ID or `system:<job>` stays as it is. */
async function resolveUser(api: ApiClient, v: string): Promise<string> {
  if (!v.includes("@")) return v;
  const u = await findUserByEmail(api, v);
  if (!u) throw new UnknownEmail(v);
  return u.id;
}

/** The query of GET /admin/audit for a filter whose users are resolved. */
export function auditQuery(f: AuditFilter, userId: string, actor: string, cursor: string | undefined): AuditQuery {
  return {
    ...pageQuery(cursor, 50),
    ...(userId ? { user_id: userId } : {}),
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayEnd(f.to) } : {}),
    ...(actor ? { actor } : {}),
    ...(f.action ? { action: f.action } : {}),
  };
}

/** The trail, newest first, page by page. */
export function useAuditTrail(f: AuditFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["admin", "audit", f],
    queryFn: async ({ pageParam }) => {
      const [userId, actor] = await Promise.all([resolveUser(api, f.user.trim()), resolveUser(api, f.actor.trim())]);
      return call(api.GET("/admin/audit", { params: { query: auditQuery(f, userId, actor, pageParam) } }));
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}
