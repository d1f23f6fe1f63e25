import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../api/context";
import { call } from "../api/errors";
import type { components } from "../api/schema";

export type Settings = components["schemas"]["Settings"];
export type SettingsInput = Omit<components["schemas"]["SettingsInput"], "updated_at">;

/** Every setting in the page's order, with its kind, its default (API.md) and, for numbers, the API's range. */
export const SETTINGS = [
  { key: "persona_delegation_enabled", kind: "flag", default: false },
  { key: "max_delegation_days", kind: "number", default: 90, min: 1, max: 3650 },
  { key: "magic_link_ttl_hours", kind: "number", default: 168, min: 1, max: 8760 },
  { key: "request_ttl_hours", kind: "number", default: 336, min: 1, max: 8760 },
  { key: "history_days", kind: "number", default: 30, min: 1, max: 3650 },
  { key: "step_up_max_age_seconds", kind: "number", default: 300, min: 0, max: 86400 },
  { key: "auto_provision_users", kind: "flag", default: true },
  { key: "portal_base_url", kind: "url", default: "" },
] as const satisfies readonly { key: keyof SettingsInput; kind: "flag" | "number" | "url"; default: boolean | number | string; min?: number; max?: number }[];

export type SettingKey = (typeof SETTINGS)[number]["key"];

export const settingsKey = ["admin", "settings"] as const;

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: settingsKey, queryFn: () => call(api.GET("/admin/settings")) });
}

/** PUT /admin/settings with the changed fields only: the others keep their value. */
export function useSaveSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: SettingsInput) => call(api.PUT("/admin/settings", { body: changes })),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
