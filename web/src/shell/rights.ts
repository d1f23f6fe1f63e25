import { useQuery } from "@tanstack/react-query";
import { call } from "../api/errors";
import { useApi } from "../api/context";
import type { components } from "../api/schema";

export type Rights = components["schemas"]["Rights"];

export const rightsKey = ["me", "rights"] as const;

const NONE: Rights = { tenant_admin: false, delegated_admin: false, manages: [], step_up_required: false };

/**
 * What the caller may administer (GET /me/rights), for the navigation and
 * the admin pages' guards. Until it is known, and when it cannot be read,
 * the caller is treated as administering nothing: the API decides anyway.
 */
export function useRights(): Rights {
  const api = useApi();
  const q = useQuery({ queryKey: rightsKey, queryFn: () => call(api.GET("/me/rights")), staleTime: 60_000 });
  return q.data ?? NONE;
}
