import { useMutation, useQuery } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

// The token is a credential: it goes to the API and nowhere else (no log, no
// other origin); opening the page only reads (GET), deciding is a button.

export function useMagicLink(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: ["magic-link", token],
    queryFn: () => call(api.GET("/magic-links/{token}", { params: { path: { token } } })),
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useAcceptMagicLink(token: string) {
  const api = useApi();
  return useMutation({ mutationFn: () => call(api.POST("/magic-links/{token}/accept", { params: { path: { token } } })) });
}

export function useRejectMagicLink(token: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (reason: string) =>
      call(api.POST("/magic-links/{token}/reject", { params: { path: { token } }, body: reason.trim() ? { reason: reason.trim() } : {} })),
  });
}

/** Why a link no longer works: the details.reason of its 410 (docs/api.md). */
export type GoneReason = NonNullable<NonNullable<components["schemas"]["Error.gone"]["error"]["details"]>["reason"]>;
