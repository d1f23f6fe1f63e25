import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";
import { requestsKey } from "../work/requests";

export type Profile = components["schemas"]["Profile"];
export type Persona = components["schemas"]["Persona"];
export type Definition = components["schemas"]["Definition"];
export type NewPersona = components["schemas"]["NewPersonaInput"];
export type PersonaPatch = components["schemas"]["PersonaPatchInput"];
export type InvitationInput = components["schemas"]["InvitationInput"];

/** Everything a delegated admin reads lives under one key: a change reads it all again. */
export const manageKey = ["manage"] as const;
const usersKey = [...manageKey, "users"] as const;
const userKey = (id: string) => [...manageKey, "user", id] as const;

const PAGE = 50;

/**
 * The users in the caller's scope (GET /users), page by page. A search may
 * give short or empty pages while next_cursor is still set: the screen pages on.
 */
export function useScopedUsers(q: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...usersKey, q],
    queryFn: ({ pageParam }) =>
      call(api.GET("/users", { params: { query: { limit: PAGE, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** A user listed under several of the caller's grants may come back on more than one page: each shows once. */
export function uniqueUsers(pages: { items: Profile[] }[] | undefined): Profile[] {
  const seen = new Set<string>();
  const out: Profile[] = [];
  for (const u of pages?.flatMap((p) => p.items) ?? []) {
    if (!seen.has(u.id)) {
      seen.add(u.id);
      out.push(u);
    }
  }
  return out;
}

export function useScopedUser(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: userKey(id),
    queryFn: () => call(api.GET("/users/{user_id}", { params: { path: { user_id: id } } })),
  });
}

/** That user's personas the caller manages (the API answers them in one page). */
export function useUserPersonas(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...userKey(id), "personas"],
    queryFn: async () => (await call(api.GET("/users/{user_id}/personas", { params: { path: { user_id: id } } }))).items,
    staleTime: 0,
  });
}

/** The definitions the caller may assign, scope_values already cut to the caller's own scope. */
export function useAssignable() {
  const api = useApi();
  return useQuery({
    queryKey: [...manageKey, "definitions"],
    queryFn: async () => (await call(api.GET("/persona-definitions"))).items,
  });
}

/** Every write reads the admin's lists again, also after a refusal: the refusal may mean the data changed. */
function useManageMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: manageKey }) });
}

export function useAddPersona(userId: string) {
  const api = useApi();
  return useManageMutation((body: NewPersona) => call(api.POST("/users/{user_id}/personas", { params: { path: { user_id: userId } }, body })));
}

export function useEditPersona(userId: string) {
  const api = useApi();
  return useManageMutation(({ id, patch }: { id: string; patch: PersonaPatch }) =>
    call(api.PATCH("/users/{user_id}/personas/{persona_id}", { params: { path: { user_id: userId, persona_id: id } }, body: patch })),
  );
}

export function useRevokePersona(userId: string) {
  const api = useApi();
  return useManageMutation((id: string) =>
    call(api.DELETE("/users/{user_id}/personas/{persona_id}", { params: { path: { user_id: userId, persona_id: id } } })),
  );
}

/** Prepare a persona: its request shows in the admin's Requests Follow Up too. */
export function usePrepare() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) => call(api.POST("/persona-invitations", { body })),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: manageKey }), queryClient.invalidateQueries({ queryKey: requestsKey })]),
  });
}

/** A live persona (pending or accepted) can still be edited or revoked; an ended one is history. */
export function isLive(p: Persona): boolean {
  return p.status.value === "pending" || p.status.value === "accepted";
}

/** The definition's display name when the caller may assign it, else the slug as words. */
export function definitionName(defs: Definition[] | undefined, type: string, fallback: (type: string) => string): string {
  return defs?.find((d) => d.type === type)?.display_name || fallback(type);
}

/** How a user is named: the display name, else first and last name (as the API's request titles do), else the e-mail. */
export function personName(p: Pick<Profile, "display_name" | "given_name" | "family_name" | "email">): string {
  return p.display_name || [p.given_name, p.family_name].filter(Boolean).join(" ") || p.email;
}
