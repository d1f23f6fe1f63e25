import type { Auth } from "./auth";
import { stepUpMaxAge } from "./auth";

/** Pages the provider sends the browser back to: they finish a flow, never start one. */
const CALLBACK_PATHS = new Set(["/callback", "/silent-callback"]);

/**
 * Before the first render: back from the provider (/callback), finish the
 * sign-in and move to the page it started from, so no screen asks the API
 * before the token is there; without a valid session, start the
 * authorization code flow at once and come back to this very page (a
 * /magic/{token} link opened signed out returns to itself). Answers
 * "redirecting" when the browser is leaving; "ready" to render. When the
 * provider cannot be reached the portal renders anyway: its screens then
 * answer 401 and offer Sign in, and /callback shows why it failed.
 */
export async function ensureSession(
  auth: Auth,
  location: { pathname: string; search: string },
  replacePath: (path: string) => void = (path) => window.history.replaceState(null, "", path),
): Promise<"ready" | "redirecting"> {
  if (location.pathname === "/callback") {
    try {
      replacePath(await auth.completeSignIn());
    } catch {
      // CallbackPage asks again (the answer is kept) and shows the error.
    }
    return "ready";
  }
  if (CALLBACK_PATHS.has(location.pathname)) return "ready";
  if (await auth.accessToken()) return "ready";
  try {
    await auth.signIn(location.pathname + location.search);
    return "redirecting";
  } catch {
    return "ready";
  }
}

/** sessionStorage key: when the last automatic step-up left, so a provider that ignores max_age cannot loop us. */
const STEP_UP_KEY = "pp.stepUpAt";
const STEP_UP_QUIET_MS = 60_000;

/**
 * The API answered 401 step_up_required: sign in again with max_age and come
 * back to this page, whose queries then run again. Answers whether it left;
 * it does not leave twice within a minute (the screen's Sign in button is
 * still there).
 */
export async function stepUpOn401(
  auth: Auth,
  response: Response,
  storage: Storage = window.sessionStorage,
  now: () => number = Date.now,
): Promise<boolean> {
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
  storage.setItem(STEP_UP_KEY, String(now()));
  await auth.stepUp(maxAge);
  return true;
}
