import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

export type Profile = components["schemas"]["Profile"];
export type ProfileFieldsInput = components["schemas"]["ProfileFieldsInput"];

/** The fields My Account > General edits, in the order it shows them. */
export const EDITABLE_FIELDS = ["given_name", "family_name", "display_name", "phone", "locale", "timezone"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const profileKey = ["me"] as const;

export function useProfile() {
  const api = useApi();
  return useQuery({ queryKey: profileKey, queryFn: () => call(api.GET("/me")) });
}

export function useUpdateProfile() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileFieldsInput) => call(api.PATCH("/me", { body })),
    onSuccess: (profile) => queryClient.setQueryData(profileKey, profile),
  });
}
