import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";
import { fetchAll, pageQuery } from "./lists";

export type Definition = components["schemas"]["Definition"];
export type DefinitionInput = Required<Omit<components["schemas"]["DefinitionInput"], "created_at" | "updated_at">>;

export const definitionsKey = ["admin", "definitions"] as const;

/** Every persona definition of the tenant (at most 200), by type. */
export function useDefinitions() {
  const api = useApi();
  return useQuery({
    queryKey: definitionsKey,
    queryFn: () => fetchAll((cursor) => call(api.GET("/admin/persona-definitions", { params: { query: pageQuery(cursor) } }))),
  });
}

/** Create (POST) or replace (PUT, the type stays) a definition. */
export function useSaveDefinition(existing: boolean) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: DefinitionInput) =>
      existing
        ? call(api.PUT("/admin/persona-definitions/{type}", { params: { path: { type: d.type } }, body: d }))
        : call(api.POST("/admin/persona-definitions", { body: d })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: definitionsKey }),
  });
}

/** Archive (DELETE): 409 while personas of the type are pending or accepted. */
export function useArchiveDefinition() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (type: string) => call(api.DELETE("/admin/persona-definitions/{type}", { params: { path: { type } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: definitionsKey }),
  });
}

/** A type's display name where the definitions are known, else its slug. */
export function displayNameOf(definitions: Definition[] | undefined, type: string): string {
  return definitions?.find((d) => d.type === type)?.display_name ?? type;
}
