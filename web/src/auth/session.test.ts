import { afterEach, describe, expect, it, vi } from "vitest";
import type { SentRequest } from "../api/client";
import type { Auth } from "./auth";
import { BLOCKED_FRESH_MS } from "./blocked";
import { ensureSession, stepUpOn401 } from "./session";

const SUB = "demo|bob@acme.test";

function fakeAuth(token: string | null, signIn: Auth["signIn"] = vi.fn(async () => {}), sub: string | null = SUB): Auth {
  return {
    accessToken: vi.fn(async () => token),
    userId: vi.fn(async () => sub),
    signIn,
    stepUp: vi.fn(async () => {}),
    completeSignIn: vi.fn(async () => "/"),
    signOut: vi.fn(async () => {}),
  };
}

describe("ensureSession", () => {
  it("signs in without a session, back to the very page (a magic link opened signed out)", async () => {
    const auth = fakeAuth(null);
    await expect(ensureSession(auth, { pathname: "/magic/tok_1", search: "?x=1" })).resolves.toEqual({ redirecting: true, resume: null });
    expect(auth.signIn).toHaveBeenCalledWith("/magic/tok_1?x=1");
  });

  it("renders with a session", async () => {
    const signedIn = fakeAuth("token");
    await expect(ensureSession(signedIn, { pathname: "/account/general", search: "" })).resolves.toEqual({ redirecting: false, resume: null });
    expect(signedIn.signIn).not.toHaveBeenCalled();
  });

  it("finishes the sign-in at /callback before the first render, on the page it started from", async () => {
    const returning = fakeAuth(null);
    returning.completeSignIn = vi.fn(async () => "/magic/tok_1");
    const replace = vi.fn();
    await expect(ensureSession(returning, { pathname: "/callback", search: "?code=c&state=s" }, replace)).resolves.toEqual({ redirecting: false, resume: null });
    expect(replace).toHaveBeenCalledWith("/magic/tok_1");
    expect(returning.signIn).not.toHaveBeenCalled();
  });

  it("renders /callback as it is when the sign-in cannot finish (the page shows why)", async () => {
    const failing = fakeAuth(null);
    failing.completeSignIn = vi.fn(async () => Promise.reject(new Error("state mismatch")));
    const replace = vi.fn();
    await expect(ensureSession(failing, { pathname: "/callback", search: "?code=c" }, replace)).resolves.toEqual({ redirecting: false, resume: null });
    expect(replace).not.toHaveBeenCalled();
  });

  it("renders when the provider cannot be reached: the screens offer Sign in", async () => {
    const auth = fakeAuth(null, vi.fn(async () => Promise.reject(new Error("offline"))));
    await expect(ensureSession(auth, { pathname: "/", search: "" })).resolves.toEqual({ redirecting: false, resume: null });
  });
});

describe("stepUpOn401", () => {
  const stepUp = () =>
    Response.json({ error: { code: "step_up_required", message: "m", details: { max_age: 300 } } }, { status: 401 });

  it("signs in again with the max_age the API asks, once a minute at most", async () => {
    const auth = fakeAuth("token");
    let now = 1_000_000;
    const storage = window.sessionStorage;
    storage.clear();
    const env = { storage, now: () => now, page: "/account" };
    await expect(stepUpOn401(auth, stepUp(), null, env)).resolves.toBe(true);
    expect(auth.stepUp).toHaveBeenCalledWith(300, "/account");
    now += 10_000;
    await expect(stepUpOn401(auth, stepUp(), null, env)).resolves.toBe(false);
    now += 60_000;
    await expect(stepUpOn401(auth, stepUp(), null, env)).resolves.toBe(true);
    storage.clear();
  });

  it("leaves every other answer alone", async () => {
    const auth = fakeAuth("token");
    const unauthenticated = Response.json({ error: { code: "unauthenticated", message: "m" } }, { status: 401 });
    await expect(stepUpOn401(auth, unauthenticated, null)).resolves.toBe(false);
    await expect(stepUpOn401(auth, Response.json({}, { status: 200 }), null)).resolves.toBe(false);
    expect(auth.stepUp).not.toHaveBeenCalled();
  });
});

/**
 * The round trip of a blocked mutation: kept when the step-up leaves, handed
 * back by ensureSession at /callback, once, to the same person on the same
 * page within ten minutes.
 */
describe("a mutation blocked by step-up", () => {
  const PAGE = "/my-work?tab=approval";
  const accept: SentRequest = { method: "POST", operation: "POST /me/requests/{request_id}/accept", path: "/me/requests/r1/accept" };
  const lend: SentRequest = {
    method: "POST",
    operation: "POST /me/personas/{persona_id}/delegations",
    path: "/me/personas/p1/delegations",
    body: { to_email: "carol@globex.test", valid_until: "2026-12-31T00:00:00Z" },
  };
  const stepUp = () => Response.json({ error: { code: "step_up_required", message: "m", details: { max_age: 300 } } }, { status: 401 });
  const storage = window.sessionStorage;
  afterEach(() => storage.clear());

  /** Blocked at `t0` on PAGE, back at /callback at `back` as `sub`. */
  async function roundTrip(sent: SentRequest, opts: { back?: number; sub?: string | null; page?: string } = {}) {
    storage.clear();
    const auth = fakeAuth("token");
    await expect(stepUpOn401(auth, stepUp(), sent, { storage, now: () => 1_000, page: PAGE })).resolves.toBe(true);
    expect(auth.stepUp).toHaveBeenCalledWith(300, PAGE);
    const saved = storage.getItem("pp.blocked");
    const returning = fakeAuth(null, undefined, opts.sub === undefined ? SUB : opts.sub);
    returning.completeSignIn = vi.fn(async () => opts.page ?? PAGE);
    const start = await ensureSession(returning, { pathname: "/callback", search: "?code=c" }, () => {}, storage, () => opts.back ?? 61_000);
    return { saved, start };
  }

  it("is kept without any token, and handed back once on the page it was blocked on", async () => {
    const { saved, start } = await roundTrip(lend);
    expect(JSON.parse(saved!)).toEqual({ ...lend, operation: undefined, returnTo: PAGE, label: "lendPersona", at: 1_000, sub: SUB });
    expect(saved).not.toContain("token");
    expect(start).toEqual({
      redirecting: false,
      resume: { method: "POST", path: "/me/personas/p1/delegations", body: lend.body, returnTo: PAGE, label: "lendPersona", at: 1_000, sub: SUB },
    });
    // One shot: gone once handed back.
    expect(storage.getItem("pp.blocked")).toBeNull();
  });

  it("keeps a mutation without a body as it was, with its label", async () => {
    const { start } = await roundTrip(accept);
    expect(start.resume).toEqual({ method: "POST", path: "/me/requests/r1/accept", returnTo: PAGE, label: "acceptRequest", at: 1_000, sub: SUB });
  });

  it("is dropped after ten minutes, for another person, or on another page", async () => {
    expect((await roundTrip(accept, { back: 1_000 + BLOCKED_FRESH_MS })).start.resume).toBeNull();
    expect((await roundTrip(accept, { sub: "demo|carol@globex.test" })).start.resume).toBeNull();
    expect((await roundTrip(accept, { sub: null })).start.resume).toBeNull();
    expect((await roundTrip(accept, { page: "/account" })).start.resume).toBeNull();
    expect(storage.getItem("pp.blocked")).toBeNull();
  });

  it("keeps no GET: the page's queries run again by themselves", async () => {
    const { saved, start } = await roundTrip({ method: "GET", operation: "GET /users", path: "/users?limit=50" });
    expect(saved).toBeNull();
    expect(start.resume).toBeNull();
  });

  it("keeps nothing when the step-up does not leave (a second one within a minute)", async () => {
    const auth = fakeAuth("token");
    const env = { storage, now: () => 1_000, page: PAGE };
    await stepUpOn401(auth, stepUp(), null, env);
    await expect(stepUpOn401(auth, stepUp(), accept, env)).resolves.toBe(false);
    expect(storage.getItem("pp.blocked")).toBeNull();
  });

  it("brings back only the action that blocked this trip", async () => {
    const auth = fakeAuth("token");
    await stepUpOn401(auth, stepUp(), accept, { storage, now: () => 1_000, page: PAGE });
    // A query needs a step-up a minute later, on the same page: the accept stays behind.
    await stepUpOn401(auth, stepUp(), { method: "GET", operation: "GET /users", path: "/users" }, { storage, now: () => 70_000, page: PAGE });
    expect(storage.getItem("pp.blocked")).toBeNull();
  });

  it("ignores what is not a blocked action of this portal", async () => {
    const returning = fakeAuth(null);
    returning.completeSignIn = vi.fn(async () => PAGE);
    const back = (raw: string) => {
      storage.setItem("pp.blocked", raw);
      return ensureSession(returning, { pathname: "/callback", search: "" }, () => {}, storage, () => 2_000);
    };
    const good = { method: "POST", path: "/me/requests/r1/accept", returnTo: PAGE, label: "acceptRequest", at: 1_000, sub: SUB };
    expect((await back("{not json")).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, path: "//evil.test/x" }))).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, path: "https://evil.test/x" }))).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, path: "/\\evil.test/x" }))).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, method: "GET" }))).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, at: 5_000 }))).resume).toBeNull();
    expect((await back(JSON.stringify({ ...good, label: "<b>" }))).resume).toEqual({ ...good, label: "other" });
  });
});
