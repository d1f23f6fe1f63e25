import type { SentRequest } from "../api/client";
import type { Auth } from "./auth";
import { stepUpMaxAge } from "./auth";
import { forgetBlocked, isMutation, labelOf, saveBlocked, takeBlocked, type BlockedAction } from "./blocked";

export interface SessionStart {
  /** The browser is leaving for the OpenID Provider: render nothing. */
  redirecting: boolean;
  /** Back from a step-up: the mutation it blocked, to send again once. */
  resume: BlockedAction | null;
}

const READY: SessionStart = { redirecting: false, resume: null };

/**
 * Before the first render: back from the provider (/callback), finish the
 * sign-in and move to the page it started from, so no screen asks the API
 * before the token is there, and hand over the mutation a step-up blocked
 * (same person, same page, fresh; see blocked.ts); without a valid session,
 * start the authorization code flow at once and come back to this very page
 * (a /magic/{token} link opened signed out returns to itself). When the
 * provider cannot be reached the portal renders anyway: its screens then
 * answer 401 and offer Sign in, and /callback shows why it failed.
 */
export async function ensureSession(
  auth: Auth,
  location: { pathname: string; search: string },
  replacePath: (path: string) => void = (path) => window.history.replaceState(null, "", path),
  storage: Storage = window.sessionStorage,
  now: () => number = Date.now,
): Promise<SessionStart> {
  if (location.pathname === "/callback") {
    let page: string;
    try {
      page = await auth.completeSignIn();
    } catch {
      // CallbackPage asks again (the answer is kept) and shows the error.
      return READY;
    }
    replacePath(page);
    return { redirecting: false, resume: takeBlocked(storage, { sub: await auth.userId(), page }, now()) };
  }
  if (await auth.accessToken()) return READY;
  try {
    await auth.signIn(location.pathname + location.search);
    return { redirecting: true, resume: null };
  } catch {
    return READY;
  }
}

/**
 * sessionStorage key: when the portal last left for a step-up, or sent again
 * what one blocked, so a provider that ignores max_age cannot loop us.
 */
const STEP_UP_KEY = "pp.stepUpAt";
const STEP_UP_QUIET_MS = 60_000;

/** Sending a blocked action again: a step_up_required it meets now is shown, not followed (no second trip). */
export function quietStepUp(storage: Storage = window.sessionStorage, now: () => number = Date.now) {
  storage.setItem(STEP_UP_KEY, String(now()));
}

export interface StepUpEnv {
  storage?: Storage;
  now?: () => number;
  /** The page to come back to (default: this one). */
  page?: string;
}

/**
 * The API answered 401 step_up_required: sign in again with max_age and come
 * back to this page, whose queries then run again; a blocked mutation is
 * kept (blocked.ts) for ensureSession to hand back. Answers whether it left;
 * it does not leave twice within a minute (the screen's Sign in button is
 * still there).
 */
export async function stepUpOn401(auth: Auth, response: Response, sent: SentRequest | null, env: StepUpEnv = {}): Promise<boolean> {
  const { storage = window.sessionStorage, now = Date.now, page = window.location.pathname + window.location.search } = env;
  if (response.status !== 401) return false;
  let body: { error?: { code?: unknown; details?: unknown } };
  try {
    body = (await response.clone().json()) as typeof body;
  } catch {
    return false;
  }
  if (body.error?.code !== "step_up_required") return false;
  const details = body.error.details && typeof body.error.details === "object" ? (body.error.details as Record<string, unknown>) : {};
  const maxAge = stepUpMaxAge(details, response.headers.get("WWW-Authenticate"));
  const last = Number(storage.getItem(STEP_UP_KEY));
  if (maxAge === null || (last && now() - last < STEP_UP_QUIET_MS)) return false;
  quietStepUp(storage, now);
  // Only the action that blocked this trip comes back with it.
  forgetBlocked(storage);
  const sub = await auth.userId();
  if (sent?.path && sub && isMutation(sent.method)) {
    const action = { method: sent.method, path: sent.path, returnTo: page, label: labelOf(sent.operation), at: now(), sub };
    saveBlocked(storage, sent.body === undefined ? action : { ...action, body: sent.body });
  }
  await auth.stepUp(maxAge, page);
  return true;
}
