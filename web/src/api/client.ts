import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export type ApiClient = Client<paths>;

/** A request as it was sent: what it takes to send it again (never its token). */
export interface SentRequest {
  method: string;
  /** The operation as the OpenAPI document names it ("POST /me/requests/{request_id}/accept"). */
  operation: string;
  /** The path relative to the API's base URL, with its query; null when it is not under it. */
  path: string | null;
  /** The JSON body; absent when there was none. */
  body?: unknown;
}

const NOT_JSON = Symbol("not JSON");

function jsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The typed client of the Persona Portal API. Every request carries the
 * access token that `accessToken` yields (the auth module is the only place
 * that knows where it comes from).
 */
export function createApiClient(
  baseUrl: string,
  accessToken: () => Promise<string | null>,
  fetchFn?: typeof fetch,
  /** Sees every answer first, with the request it answers (the auth module's step-up on a 401 step_up_required). */
  onResponse?: (response: Response, sent: SentRequest) => Promise<unknown>,
): ApiClient {
  const client = createClient<paths>({ baseUrl, ...(fetchFn ? { fetch: fetchFn } : {}) });
  // A mutation's body, read before fetch consumes it, until its answer
  // (NOT_JSON: a body that could not be sent again as JSON).
  const bodies = new Map<string, unknown>();
  client.use({
    async onRequest({ request, id }) {
      const token = await accessToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      if (onResponse && request.method !== "GET" && request.method !== "HEAD") {
        const text = await request.clone().text();
        if (text) bodies.set(id, jsonBody(text));
      }
      return request;
    },
    async onResponse({ request, response, schemaPath, id }) {
      const body = bodies.get(id);
      bodies.delete(id);
      if (onResponse) {
        const path = body === NOT_JSON ? null : relativePath(baseUrl, request.url);
        const sent: SentRequest = { method: request.method, operation: `${request.method} ${schemaPath}`, path };
        await onResponse(response, body === undefined || body === NOT_JSON ? sent : { ...sent, body });
      }
      return response;
    },
    onError({ id }) {
      bodies.delete(id);
    },
  });
  return client;
}

/** url's path and query below baseUrl ("" is this origin), or null. */
export function relativePath(baseUrl: string, url: string): string | null {
  const base = new URL(baseUrl.replace(/\/*$/, "/"), window.location.href).href;
  return url.startsWith(base) ? `/${url.slice(base.length)}` : null;
}

/** Sends a request again as it was recorded, through the client (token, step-up and all). */
export function resend(api: ApiClient, method: string, path: string, body?: unknown): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  // The path is concrete (no {placeholders} left), which the typed signature cannot express.
  const request = api.request as unknown as (method: string, path: string, init: { body?: unknown }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return request(method.toLowerCase(), path, body === undefined ? {} : { body });
}
