import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

export type Persona = components["schemas"]["Persona"];
export type PersonaStatusValue = Persona["status"]["value"];

export const personasKey = ["me", "personas"] as const;

/** Every page of GET /me/personas: own personas (all statuses), then those lent to the caller. */
async function listAll(api: ApiClient): Promise<Persona[]> {
  const items: Persona[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET("/me/personas", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

export function usePersonas() {
  const api = useApi();
  return useQuery({ queryKey: personasKey, queryFn: () => listAll(api) });
}

export function usePersona(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...personasKey, id],
    queryFn: () => call(api.GET("/me/personas/{persona_id}", { params: { path: { persona_id: id } } })),
  });
}

export function useSetPreferred() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personaId: string) => call(api.PUT("/me/preferred-persona", { body: { persona_id: personaId } })),
    // Making one preferred un-prefers the other, and the session's active
    // persona may be the preferred one: read both again.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: personasKey }),
        queryClient.invalidateQueries({ queryKey: ["me", "active-persona"] }),
      ]),
  });
}

/** Only an own, active persona can be the preferred one (a lent one never is). */
export function canBePreferred(p: Persona): boolean {
  return p.active && p.delegation === null;
}

/**
 * The type's display name. GET /me/personas carries the type slug only (the
 * definitions are readable by admins), so a bundle may name a type under
 * personaTypes.<type>; else the slug reads as words: customer-admin → Customer admin.
 */
export function typeName(t: TFunction, type: string): string {
  const words = type.replace(/-/g, " ");
  return t(`personaTypes.${type}`, { defaultValue: words.charAt(0).toUpperCase() + words.slice(1) });
}

export const STATUS_COLOR: Record<PersonaStatusValue, "green" | "blue" | "red" | "grey"> = {
  accepted: "green",
  pending: "blue",
  rejected: "red",
  revoked: "grey",
  expired: "grey",
};

export function formatDate(iso: string, lang: string, withTime = false): string {
  return new Intl.DateTimeFormat(lang, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" }).format(new Date(iso));
}
