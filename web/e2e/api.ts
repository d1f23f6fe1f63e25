import { expect, type APIRequestContext } from "@playwright/test";

// What the browser tests set up through the API rather than the portal
// (the screens under test come after), with tokens of POST /dev/login as
// the README's walkthrough gets them.

export const ALICE = "alice@acme.test";
export const BOB = "bob@acme.test";
export const CAROL = "carol@globex.test";
export const ADMIN = "admin@demo.test";

/** A token from the local issuer (a fresh authentication: Bob's admin persona demands one). */
export async function token(request: APIRequestContext, email: string, admin = false): Promise<string> {
  const res = await request.post("/dev/login", { data: { email, tenant: "demo", ...(admin ? { admin } : {}) } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { access_token: string }).access_token;
}

export const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

export interface Prepared {
  /** The /magic/… path of the link. */
  path: string;
  /** The magic link's token. */
  token: string;
  requestId: string;
  /** The request's title, as My Work lists it. */
  title: string;
}

/** Bob prepares a customer persona (POST /persona-invitations). */
export async function prepare(
  request: APIRequestContext,
  { to = CAROL, scope, sendEmail = false }: { to?: string; scope: string; sendEmail?: boolean },
): Promise<Prepared> {
  const res = await request.post("/persona-invitations", {
    headers: { Authorization: `Bearer ${await token(request, BOB)}` },
    data: { type: "customer", scope: [scope], user_email: to, send_email: sendEmail },
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { magic_link: string; request: { id: string; title: string } };
  const path = new URL(body.magic_link).pathname;
  return { path, token: path.replace(/^\/magic\//, ""), requestId: body.request.id, title: body.request.title };
}

/** The title of the "Activate a persona" request that accepting a prepared one starts (the admin decides it). */
export function activationTitle(p: Prepared): string {
  return p.title.replace(/^Assign a persona: (.*) to (.*)$/, "Activate a persona: $1 for $2");
}

export interface Mail {
  subject: string;
  text: string;
}

/** The local outbox's messages to one address, newest first (GET /dev/outbox delivers what is queued first). */
export async function outbox(request: APIRequestContext, to: string): Promise<Mail[]> {
  const res = await request.get(`/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: Mail[] }).items;
}

/** Waits for a message to `to` that `before` did not hold and whose text matches `pattern`. */
export async function nextMail(request: APIRequestContext, to: string, before: Mail[], pattern: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(async () => {
      found = (await outbox(request, to)).find((m) => pattern.test(m.text) && !before.some((b) => b.text === m.text));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

/** Moves the local server's clock ahead (POST /dev/clock; 0 puts it back). */
export async function moveClock(request: APIRequestContext, offsetSeconds: number) {
  const res = await request.post("/dev/clock", { data: { offset_seconds: offsetSeconds } });
  expect(res.ok()).toBe(true);
}

/** A tenant setting, as the tenant admin (PUT /admin/settings takes part of the document). */
export async function setSettings(request: APIRequestContext, settings: Record<string, unknown>) {
  const res = await request.put("/admin/settings", {
    headers: { Authorization: `Bearer ${await token(request, ADMIN, true)}` },
    data: settings,
  });
  expect(res.ok()).toBe(true);
}

/** yyyy-mm-dd, days from today (UTC, as the date field and the API read it). */
export function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A string as a regular expression that matches it literally. */
export function literally(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
