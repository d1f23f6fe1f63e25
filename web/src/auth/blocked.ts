import type { paths } from "../api/schema";

/**
 * A mutation the API refused with 401 step_up_required, kept in
 * sessionStorage across the sign-in that step-up needs and sent again, once,
 * on the way back. It holds what it takes to send it again and to say what
 * it was; never a token.
 */
export interface BlockedAction {
  method: Mutation;
  /** The API path as sent, relative to the API's base URL ("/me/requests/r1/accept"). */
  path: string;
  /** The JSON body as sent; absent when there was none. */
  body?: unknown;
  /** The portal page the sign-in comes back to; the action is sent again only there. */
  returnTo: string;
  /** What the user did, as a key of resume.actions. */
  label: ActionLabel;
  /** When it was blocked (ms since the epoch); stale after ten minutes. */
  at: number;
  /** Who was signed in (the ID token's sub); sent again only for the same person. */
  sub: string;
}

const MUTATIONS = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Mutation = (typeof MUTATIONS)[number];

export function isMutation(method: string): method is Mutation {
  return (MUTATIONS as readonly string[]).includes(method);
}

/**
 * The operations that can answer step_up_required (the operations table's
 * StepUpRequired errors), named for the user; any other is "your last
 * action". Keyed by the OpenAPI path, so a renamed path fails tsc.
 */
const LABELS = {
  "PUT /me/active-persona": "switchPersona",
  "POST /me/personas/{persona_id}/delegations": "lendPersona",
  "POST /me/requests/{request_id}/accept": "acceptRequest",
  "POST /persona-invitations": "preparePersona",
  "POST /users/{user_id}/personas": "addPersona",
  "PATCH /users/{user_id}/personas/{persona_id}": "editPersona",
  "DELETE /users/{user_id}/personas/{persona_id}": "revokePersona",
} as const satisfies Partial<Record<`${Mutation} ${keyof paths}`, string>>;

export type ActionLabel = (typeof LABELS)[keyof typeof LABELS] | "other";

const KNOWN = new Set<string>([...Object.values(LABELS), "other"]);

/** The label of an operation ("POST /me/requests/{request_id}/accept"). */
export function labelOf(operation: string): ActionLabel {
  return (LABELS as Record<string, ActionLabel>)[operation] ?? "other";
}

/**
 * A path below the API's base URL, never a way to another origin: no "//"
 * and no backslash, which URL parsing reads as "/" ("/\\evil.test").
 */
const API_PATH = /^\/[^/\\][^\\]*$/;

const KEY = "pp.blocked";
export const BLOCKED_FRESH_MS = 10 * 60_000;

export function saveBlocked(storage: Storage, action: BlockedAction) {
  storage.setItem(KEY, JSON.stringify(action));
}

export function forgetBlocked(storage: Storage) {
  storage.removeItem(KEY);
}

/**
 * The blocked action to send again, if it is fresh, was blocked for the
 * person now signed in and on the page the sign-in came back to; it is
 * removed whatever the answer (one shot).
 */
export function takeBlocked(storage: Storage, who: { sub: string | null; page: string }, now: number = Date.now()): BlockedAction | null {
  const raw = storage.getItem(KEY);
  storage.removeItem(KEY);
  let a: Partial<BlockedAction>;
  try {
    a = JSON.parse(raw ?? "null") as Partial<BlockedAction>;
  } catch {
    return null;
  }
  if (!a || typeof a !== "object") return null;
  const { method, path, body, returnTo, label, at, sub } = a;
  if (typeof at !== "number" || now - at < 0 || now - at >= BLOCKED_FRESH_MS) return null;
  if (typeof method !== "string" || !isMutation(method)) return null;
  if (typeof path !== "string" || !API_PATH.test(path)) return null;
  if (!who.sub || sub !== who.sub || returnTo !== who.page) return null;
  return { method, path, ...(body !== undefined ? { body } : {}), returnTo, label: KNOWN.has(label as string) ? (label as ActionLabel) : "other", at, sub };
}
