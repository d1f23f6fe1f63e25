import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "../api/client";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components, operations } from "../api/schema";
import { fetchAll, pageQuery } from "./lists";

export type Profile = components["schemas"]["Profile"];
type NewUser = components["schemas"]["NewUserInput"];
export type ProfilePatch = components["schemas"]["AdminProfileFieldsInput"];
export type Persona = components["schemas"]["Persona"];
export type NewPersona = components["schemas"]["NewPersonaInput"];
export type PersonaPatch = components["schemas"]["PersonaPatchInput"];

type ListUsersQuery = NonNullable<operations["list-users"]["parameters"]["query"]>;

/** The profile fields an admin edits, in the form's order (e-mail apart: it is the key of imports). */
export const PROFILE_FIELDS = ["given_name", "family_name", "display_name", "phone", "locale", "timezone"] as const;

/** How the Users page looks for users: words in the name or e-mail, or one custom attribute's value. */
export type UserFilter = { kind: "all" } | { kind: "text"; q: string } | { kind: "attribute"; name: string; value: string };

/** The query of one page of GET /admin/users for a filter. */
export function usersQuery(filter: UserFilter, cursor: string | undefined): ListUsersQuery {
  const page = pageQuery(cursor, 50);
  switch (filter.kind) {
    case "all":
      return page;
    case "text":
      return { ...page, q: filter.q };
    case "attribute":
      return { ...page, attribute: filter.name, value: filter.value };
  }
}

export const usersKey = ["admin", "users"] as const;

/** Users page by page; a filtered page may be short, even empty, with more after it. */
export function useUserSearch(filter: UserFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...usersKey, "list", filter],
    queryFn: ({ pageParam }) => call(api.GET("/admin/users", { params: { query: usersQuery(filter, pageParam) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** The user whose e-mail this is, or null: q matches e-mails, and its pages are followed until one holds the exact address. */
export async function findUserByEmail(api: ApiClient, email: string): Promise<Profile | null> {
  const wanted = email.trim().toLowerCase();
  let cursor: string | undefined;
  do {
    const page = await call(api.GET("/admin/users", { params: { query: { ...pageQuery(cursor), q: wanted } } }));
    const hit = page.items.find((u) => u.email.toLowerCase() === wanted);
    if (hit) return hit;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return null;
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: NewUser) => call(api.POST("/admin/users", { body: u })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...usersKey, "list"] }),
  });
}

const userKey = (id: string) => [...usersKey, "user", id] as const;

export function useUser(id: string) {
  const api = useApi();
  return useQuery({ queryKey: userKey(id), queryFn: () => call(api.GET("/admin/users/{user_id}", { params: { path: { user_id: id } } })) });
}

/** A change of the profile (PATCH, merge patch), disabling (DELETE) or enabling (PATCH status active): each answers the profile. */
function useProfileChange<V>(id: string, fn: (api: ApiClient, v: V) => Promise<Profile>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(api, v),
    onSuccess: (p) => {
      queryClient.setQueryData(userKey(id), p);
      return queryClient.invalidateQueries({ queryKey: [...usersKey, "list"] });
    },
  });
}

export function usePatchUser(id: string) {
  return useProfileChange(id, (api, patch: ProfilePatch) => call(api.PATCH("/admin/users/{user_id}", { params: { path: { user_id: id } }, body: patch })));
}

export function useSetUserStatus(id: string) {
  return useProfileChange(id, (api, status: Profile["status"]) =>
    status === "disabled"
      ? call(api.DELETE("/admin/users/{user_id}", { params: { path: { user_id: id } } }))
      : call(api.PATCH("/admin/users/{user_id}", { params: { path: { user_id: id } }, body: { status } })),
  );
}

const personasKey = (id: string) => [...usersKey, "personas", id] as const;

/** Every persona of the user, whatever its status. */
export function useUserPersonas(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: personasKey(id),
    queryFn: () => fetchAll((cursor) => call(api.GET("/admin/users/{user_id}/personas", { params: { path: { user_id: id }, query: pageQuery(cursor) } }))),
  });
}

/** Add, edit or revoke one of the user's personas; the list is read again after each, also after a refusal (the data may have changed). */
function usePersonaChange<V>(id: string, fn: (api: ApiClient, v: V) => Promise<Persona>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(api, v),
    onSettled: () => queryClient.invalidateQueries({ queryKey: personasKey(id) }),
  });
}

export function useAddPersona(id: string) {
  return usePersonaChange(id, (api, p: NewPersona) => call(api.POST("/admin/users/{user_id}/personas", { params: { path: { user_id: id } }, body: p })));
}

export function usePatchPersona(id: string) {
  return usePersonaChange(id, (api, v: { personaId: string; patch: PersonaPatch }) =>
    call(api.PATCH("/admin/users/{user_id}/personas/{persona_id}", { params: { path: { user_id: id, persona_id: v.personaId } }, body: v.patch })),
  );
}

export function useRevokePersona(id: string) {
  return usePersonaChange(id, (api, personaId: string) =>
    call(api.DELETE("/admin/users/{user_id}/personas/{persona_id}", { params: { path: { user_id: id, persona_id: personaId } } })),
  );
}

/** A user as a list names them: the display name, else first and last names, else the e-mail. */
export function nameOf(u: Pick<Profile, "display_name" | "given_name" | "family_name" | "email">): string {
  return u.display_name || [u.given_name, u.family_name].filter(Boolean).join(" ") || u.email;
}
