import { render } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { App, type AppDeps } from "../App";
import { createApiClient } from "../api/client";
import type { Auth } from "../auth/auth";
import type { BlockedAction } from "../auth/blocked";
import { stepUpOn401 } from "../auth/session";
import { createI18n, type Language } from "../i18n";

export const API = "http://api.test";

/** A canned answer: JSON with a status, the API's content type, optional headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

export function apiError(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>) {
  return json(status, { error: { code, message, ...(details ? { details } : {}) } }, headers);
}

export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  /** The query string ("?direction=granted&limit=100"), when there is one. */
  search?: string;
}

type Answer = Response | ((call: Recorded) => Response);

/**
 * A tiny fetch stub: routes are "METHOD /path"; a list of answers is served
 * in turn (the last one repeats). Every call is recorded with its JSON body.
 */
export function stubApi(routes: Record<string, Answer | Answer[]>) {
  const calls: Recorded[] = [];
  const served: Record<string, number> = {};
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    const call: Recorded = {
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get("Authorization"),
      body: text ? JSON.parse(text) : undefined,
      ...(url.search ? { search: url.search } : {}),
    };
    calls.push(call);
    const key = `${call.method} ${call.path}`;
    const route = routes[key];
    if (!route) return json(404, { error: { code: "not_found", message: `no stub for ${key}` } });
    const list = Array.isArray(route) ? route : [route];
    const i = Math.min(served[key] ?? 0, list.length - 1);
    served[key] = (served[key] ?? 0) + 1;
    const answer = list[i]!;
    // A Response body is read once: hand out a copy each time.
    return typeof answer === "function" ? answer(call) : answer.clone();
  });
  return { fetch: fetchFn as unknown as typeof fetch, calls, callsTo: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key) };
}

export function stubAuth(): Auth {
  return {
    accessToken: vi.fn(async () => "test-token"),
    userId: vi.fn(async () => "demo|test-user"),
    signIn: vi.fn(async () => {}),
    stepUp: vi.fn(async () => {}),
    completeSignIn: vi.fn(async () => "/"),
    signOut: vi.fn(async () => {}),
  };
}

export interface RenderOptions {
  /** Back from a step-up with this blocked mutation. */
  resume?: BlockedAction;
  /** Wire the step-up on 401 step_up_required, as main.tsx does (auth.stepUp is a stub). */
  stepUp?: boolean;
}

export function renderApp(path: string, api: ReturnType<typeof stubApi>, lang: Language = "en", options: RenderOptions = {}) {
  const auth = stubAuth();
  const deps: AppDeps = {
    auth,
    api: createApiClient(API, () => auth.accessToken(), api.fetch, options.stepUp ? (response, sent) => stepUpOn401(auth, response, sent) : undefined),
    resume: options.resume ?? null,
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }),
    i18n: createI18n(lang),
  };
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <App deps={deps} />
    </MemoryRouter>,
  );
  return { ...result, deps, auth };
}
