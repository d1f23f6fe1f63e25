// The runtime settings file: one build serves every environment, and each
// deployment writes its own /config.json beside index.html.
export interface Settings {
  /** Base URL of the Persona Portal API, without a trailing slash: absolute, a path of this origin (/api), or "" for this origin itself (the local server). */
  api_url: string;
  /** The OpenID Provider's issuer URL. */
  issuer: string;
  /** This portal's client ID at that provider. */
  client_id: string;
}

export class SettingsError extends Error {}

export function parseSettings(raw: unknown): Settings {
  if (typeof raw !== "object" || raw === null) {
    throw new SettingsError("config.json is not a JSON object");
  }
  const obj = raw as Record<string, unknown>;
  // api_url may be "": the API is on the portal's own origin.
  const missing = (["api_url", "issuer", "client_id"] as const).filter(
    (k) => typeof obj[k] !== "string" || (obj[k] === "" && k !== "api_url"),
  );
  if (missing.length > 0) {
    throw new SettingsError(`config.json lacks ${missing.join(", ")}`);
  }
  return {
    api_url: (obj.api_url as string).replace(/\/+$/, ""),
    issuer: obj.issuer as string,
    client_id: obj.client_id as string,
  };
}

export async function loadSettings(fetchFn: typeof fetch = fetch): Promise<Settings> {
  const res = await fetchFn("/config.json", { cache: "no-store" });
  if (!res.ok) {
    throw new SettingsError(`config.json: HTTP ${res.status}`);
  }
  return parseSettings(await res.json());
}
