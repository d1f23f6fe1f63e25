import { describe, expect, it, vi } from "vitest";
import type { Auth } from "./auth";
import { ensureSession, stepUpOn401 } from "./session";

function fakeAuth(token: string | null, signIn: Auth["signIn"] = vi.fn(async () => {})): Auth {
  return {
    accessToken: vi.fn(async () => token),
    signIn,
    stepUp: vi.fn(async () => {}),
    completeSignIn: vi.fn(async () => "/"),
    signOut: vi.fn(async () => {}),
  };
}

describe("ensureSession", () => {
  it("signs in without a session, back to the very page (a magic link opened signed out)", async () => {
    const auth = fakeAuth(null);
    await expect(ensureSession(auth, { pathname: "/magic/tok_1", search: "?x=1" })).resolves.toBe("redirecting");
    expect(auth.signIn).toHaveBeenCalledWith("/magic/tok_1?x=1");
  });

  it("renders with a session", async () => {
    const signedIn = fakeAuth("token");
    await expect(ensureSession(signedIn, { pathname: "/account/general", search: "" })).resolves.toBe("ready");
    expect(signedIn.signIn).not.toHaveBeenCalled();
  });

  it("finishes the sign-in at /callback before the first render, on the page it started from", async () => {
    const returning = fakeAuth(null);
    returning.completeSignIn = vi.fn(async () => "/magic/tok_1");
    const replace = vi.fn();
    await expect(ensureSession(returning, { pathname: "/callback", search: "?code=c&state=s" }, replace)).resolves.toBe("ready");
    expect(replace).toHaveBeenCalledWith("/magic/tok_1");
    expect(returning.signIn).not.toHaveBeenCalled();
  });

  it("renders /callback as it is when the sign-in cannot finish (the page shows why)", async () => {
    const failing = fakeAuth(null);
    failing.completeSignIn = vi.fn(async () => Promise.reject(new Error("state mismatch")));
    const replace = vi.fn();
    await expect(ensureSession(failing, { pathname: "/callback", search: "?code=c" }, replace)).resolves.toBe("ready");
    expect(replace).not.toHaveBeenCalled();
  });

  it("renders when the provider cannot be reached: the screens offer Sign in", async () => {
    const auth = fakeAuth(null, vi.fn(async () => Promise.reject(new Error("offline"))));
    await expect(ensureSession(auth, { pathname: "/", search: "" })).resolves.toBe("ready");
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
    await expect(stepUpOn401(auth, stepUp(), storage, () => now)).resolves.toBe(true);
    expect(auth.stepUp).toHaveBeenCalledWith(300);
    now += 10_000;
    await expect(stepUpOn401(auth, stepUp(), storage, () => now)).resolves.toBe(false);
    now += 60_000;
    await expect(stepUpOn401(auth, stepUp(), storage, () => now)).resolves.toBe(true);
    storage.clear();
  });

  it("leaves every other answer alone", async () => {
    const auth = fakeAuth("token");
    const unauthenticated = Response.json({ error: { code: "unauthenticated", message: "m" } }, { status: 401 });
    await expect(stepUpOn401(auth, unauthenticated)).resolves.toBe(false);
    await expect(stepUpOn401(auth, Response.json({}, { status: 200 }))).resolves.toBe(false);
    expect(auth.stepUp).not.toHaveBeenCalled();
  });
});
