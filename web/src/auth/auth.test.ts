import type { INavigator } from "oidc-client-ts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuth, stepUpMaxAge } from "./auth";

const ISSUER = "http://op.test";
const settings = { api_url: "http://api.test", issuer: ISSUER, client_id: "persona-portal" };

/** Serves the provider's discovery document; captures where the browser would be sent. */
function setup() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () =>
      Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        end_session_endpoint: `${ISSUER}/logout`,
        jwks_uri: `${ISSUER}/jwks`,
      }),
    ),
  );
  const sent: URL[] = [];
  const redirectNavigator: INavigator = {
    prepare: async () => ({
      navigate: async ({ url }) => {
        sent.push(new URL(url));
        return { url };
      },
      close: () => {},
    }),
    callback: async () => {},
  };
  const auth = createAuth(settings, { origin: "http://portal.test", storage: window.sessionStorage, redirectNavigator });
  return { auth, sent };
}

describe("the auth module", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it("signs in with the authorization code flow and PKCE, back to /callback", async () => {
    const { auth, sent } = setup();
    await auth.signIn("/account/personas");
    const url = sent[0]!;
    expect(url.origin + url.pathname).toBe(`${ISSUER}/authorize`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe("persona-portal");
    expect(url.searchParams.get("redirect_uri")).toBe("http://portal.test/callback");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("scope")).toBe("openid profile email");
    expect(url.searchParams.has("max_age")).toBe(false);
  });

  it("asks for a recent authentication on step-up (max_age)", async () => {
    const { auth, sent } = setup();
    await auth.stepUp(300);
    expect(sent[0]!.searchParams.get("max_age")).toBe("300");
  });

  it("has no access token before sign-in", async () => {
    const { auth } = setup();
    await expect(auth.accessToken()).resolves.toBeNull();
    await expect(auth.userId()).resolves.toBeNull();
  });
});

describe("stepUpMaxAge", () => {
  it("reads the body's details.max_age first, then WWW-Authenticate (RFC 9470)", () => {
    expect(stepUpMaxAge({ max_age: 120 }, 'Bearer error="insufficient_user_authentication", max_age=300')).toBe(120);
    expect(stepUpMaxAge({}, 'Bearer error="insufficient_user_authentication", max_age=300')).toBe(300);
    expect(stepUpMaxAge({}, 'Bearer error="insufficient_user_authentication", max_age="60"')).toBe(60);
    expect(stepUpMaxAge({}, null)).toBeNull();
  });
});
