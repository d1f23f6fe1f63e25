import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export type ApiClient = Client<paths>;

/**
 * The typed client of the Persona Portal API. Every request carries the
 * access token that `accessToken` yields (the auth module is the only place
 * that knows where it comes from).
 */
export function createApiClient(
  baseUrl: string,
  accessToken: () => Promise<string | null>,
  fetchFn?: typeof fetch,
  /** Sees every answer first (the auth module's step-up on a 401 step_up_required). */
  onResponse?: (response: Response) => Promise<unknown>,
): ApiClient {
  const client = createClient<paths>({ baseUrl, ...(fetchFn ? { fetch: fetchFn } : {}) });
  client.use({
    async onRequest({ request }) {
      const token = await accessToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (onResponse) await onResponse(response);
      return response;
    },
  });
  return client;
}
