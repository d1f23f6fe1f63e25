import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";
import { fetchAll, pageQuery } from "./lists";

export type Application = components["schemas"]["Application"];
export type ApplicationInput = Required<Omit<components["schemas"]["ApplicationInput"], "id" | "created_at" | "updated_at">>;

export const applicationsKey = ["admin", "applications"] as const;

/** Every application of the tenant. */
export function useApplications() {
  const api = useApi();
  return useQuery({
    queryKey: applicationsKey,
    queryFn: () => fetchAll((cursor) => call(api.GET("/admin/applications", { params: { query: pageQuery(cursor) } }))),
  });
}

/** Create (POST) or replace (PUT) an application. */
export function useSaveApplication(id: string | null) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: ApplicationInput) =>
      id ? call(api.PUT("/admin/applications/{app_id}", { params: { path: { app_id: id } }, body: a })) : call(api.POST("/admin/applications", { body: a })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}

/** Archive (DELETE): the application disappears from users' Applications page. */
export function useArchiveApplication() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/admin/applications/{app_id}", { params: { path: { app_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}
