import { UserManager, WebStorageStateStore, type INavigator } from "oidc-client-ts";
import type { Settings } from "../config/settings";

/**
 * The one seam between the screens and the OpenID Provider: screens and the
 * API client ask `accessToken()`; nothing else reads tokens.
 */
export interface Auth {
  accessToken(): Promise<string | null>;
  /** Who is signed in (the ID token's sub), expired or not; null before any sign-in. */
  userId(): Promise<string | null>;
  /** Authorization code flow with PKCE; comes back to /callback, then to `returnTo`. */
  signIn(returnTo?: string): Promise<void>;
  /** Step-up: a new sign-in that the provider must not answer from an authentication older than `maxAge` seconds. */
  stepUp(maxAge: number, returnTo?: string): Promise<void>;
  /** Finishes the redirect at /callback; answers the path to go back to. */
  completeSignIn(): Promise<string>;
  signOut(): Promise<void>;
}

interface ReturnState {
  returnTo?: string;
}

export interface AuthOptions {
  /** This portal's origin; the redirect URIs hang off it. */
  origin?: string;
  /** Where the tokens and the flow's state live (sessionStorage: gone with the tab). */
  storage?: Storage;
  /** Replaces the browser redirect (tests read the authorization URL from it). */
  redirectNavigator?: INavigator;
}

export function createUserManager(settings: Settings, origin: string, storage: Storage, redirectNavigator?: INavigator): UserManager {
  return new UserManager(
    {
    authority: settings.issuer,
    client_id: settings.client_id,
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/`,
    // oidc-client-ts always sends a PKCE S256 challenge with the code flow.
    response_type: "code",
    scope: "openid profile email",
    // Tokens live for the tab only; nothing goes to localStorage.
    userStore: new WebStorageStateStore({ store: storage }),
    stateStore: new WebStorageStateStore({ store: storage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
    },
    redirectNavigator,
  );
}

export function createAuth(settings: Settings, options: AuthOptions = {}): Auth {
  const { origin = window.location.origin, storage = window.sessionStorage, redirectNavigator } = options;
  const manager = createUserManager(settings, origin, storage, redirectNavigator);
  const here = () => window.location.pathname + window.location.search;
  // The code is good once: a second call (React's StrictMode runs effects
  // twice in development) shares the first one's answer.
  let completing: Promise<string> | null = null;
  return {
    async accessToken() {
      const user = await manager.getUser();
      return user && !user.expired ? user.access_token : null;
    },
    async userId() {
      return (await manager.getUser())?.profile.sub ?? null;
    },
    signIn(returnTo = here()) {
      return manager.signinRedirect({ state: { returnTo } satisfies ReturnState });
    },
    stepUp(maxAge, returnTo = here()) {
      return manager.signinRedirect({ max_age: maxAge, state: { returnTo } satisfies ReturnState });
    },
    completeSignIn() {
      completing ??= manager.signinRedirectCallback().then((user) => {
        const returnTo = (user.state as ReturnState | undefined)?.returnTo;
        // Only a path of this origin: never an open redirect.
        return returnTo && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
      });
      return completing;
    },
    async signOut() {
      const user = await manager.getUser();
      await manager.removeUser();
      await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
    },
  };
}

/**
 * The max_age (seconds) a 401 step_up_required asks for: from the body's
 * details.max_age, else from WWW-Authenticate (RFC 9470).
 */
export function stepUpMaxAge(details: Record<string, unknown>, wwwAuthenticate: string | null): number | null {
  if (typeof details.max_age === "number") return details.max_age;
  const m = wwwAuthenticate?.match(/max_age="?(\d+)"?/);
  return m ? Number(m[1]) : null;
}
