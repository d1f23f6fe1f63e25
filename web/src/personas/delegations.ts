import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

export type Delegation = components["schemas"]["PersonaDelegation"];
export type Direction = "granted" | "received";

export const delegationsKey = ["me", "delegations"] as const;

async function listAll(api: ApiClient, direction: Direction): Promise<Delegation[]> {
  const items: Delegation[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET("/me/delegations", { params: { query: { direction, limit: 100, ...(cursor ? { cursor } : {}) } } }));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

export function useDelegations(direction: Direction) {
  const api = useApi();
  return useQuery({ queryKey: [...delegationsKey, direction], queryFn: () => listAll(api, direction) });
}

export interface DelegateInput {
  personaId: string;
  to_email: string;
  valid_from?: string;
  valid_until: string;
}

export function useDelegate() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personaId, ...body }: DelegateInput) =>
      call(api.POST("/me/personas/{persona_id}/delegations", { params: { path: { persona_id: personaId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationsKey }),
  });
}

export function useRevoke() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/me/delegations/{delegation_id}", { params: { path: { delegation_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationsKey }),
  });
}

/*
 * Whether delegating can work. The portal cannot read the tenant's setting nor a
 * definition's `delegable` flag (admins only), so the action shows on every own
 * active persona, and a 403 hides it for the rest of the session: everywhere for
 * feature_disabled, for that persona type for forbidden (delegable belongs to the
 * definition, i.e. the type).
 */
const DISABLED_KEY = "pp.delegation.disabled";
const FORBIDDEN_KEY = "pp.delegation.forbiddenTypes";

function forbiddenTypes(): string[] {
  try {
    const v: unknown = JSON.parse(window.sessionStorage.getItem(FORBIDDEN_KEY) ?? "[]");
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function delegationHidden(type: string): boolean {
  return window.sessionStorage.getItem(DISABLED_KEY) === "1" || forbiddenTypes().includes(type);
}

export function hideDelegation(code: string, type: string) {
  if (code === "feature_disabled") window.sessionStorage.setItem(DISABLED_KEY, "1");
  else if (code === "forbidden") window.sessionStorage.setItem(FORBIDDEN_KEY, JSON.stringify([...new Set([...forbiddenTypes(), type])]));
}
