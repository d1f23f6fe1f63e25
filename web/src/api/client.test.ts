import { describe, expect, it } from "vitest";
import { json, stubApi } from "../test/api";
import { createApiClient, relativePath, resend, type SentRequest } from "./client";
import { call } from "./errors";

describe("the API client", () => {
  function setup(baseUrl = "http://api.test/prod") {
    const api = stubApi({
      "POST /prod/me/personas/p1/delegations": json(201, { id: "d1" }),
      "POST /prod/me/requests/r1/accept": json(200, { id: "r1", status: "accepted" }),
      "GET /prod/me/requests/approvals": json(200, { items: [], next_cursor: null }),
    });
    const seen: SentRequest[] = [];
    const client = createApiClient(baseUrl, async () => "tok", api.fetch, async (_response, sent) => {
      seen.push(sent);
    });
    return { api, client, seen };
  }

  it("shows every answer with the request it answers: method, operation, path below the base URL, JSON body", async () => {
    const { api, client, seen } = setup();
    const body = { to_email: "carol@globex.test", valid_until: "2026-12-31T00:00:00Z" };
    await call(client.POST("/me/personas/{persona_id}/delegations", { params: { path: { persona_id: "p1" } }, body }));
    await call(client.POST("/me/requests/{request_id}/accept", { params: { path: { request_id: "r1" } } }));
    await call(client.GET("/me/requests/approvals", { params: { query: { limit: 50, q: "a b" } } }));
    expect(seen).toEqual([
      { method: "POST", operation: "POST /me/personas/{persona_id}/delegations", path: "/me/personas/p1/delegations", body },
      { method: "POST", operation: "POST /me/requests/{request_id}/accept", path: "/me/requests/r1/accept" },
      { method: "GET", operation: "GET /me/requests/approvals", path: "/me/requests/approvals?limit=50&q=a%20b" },
    ]);
    // The body still reached the API, with the token.
    expect(api.calls[0]).toMatchObject({ body, authorization: "Bearer tok" });
  });

  it("sends a recorded request again, as it was, through the same middleware", async () => {
    const { api, client, seen } = setup();
    const body = { to_email: "carol@globex.test" };
    await expect(call(resend(client, "POST", "/me/personas/p1/delegations", body))).resolves.toEqual({ id: "d1" });
    await expect(call(resend(client, "POST", "/me/requests/r1/accept"))).resolves.toMatchObject({ status: "accepted" });
    expect(api.calls.map((c) => [c.method, c.path, c.body, c.authorization])).toEqual([
      ["POST", "/prod/me/personas/p1/delegations", body, "Bearer tok"],
      ["POST", "/prod/me/requests/r1/accept", undefined, "Bearer tok"],
    ]);
    expect(seen.map((s) => s.path)).toEqual(["/me/personas/p1/delegations", "/me/requests/r1/accept"]);
  });
});

describe("relativePath", () => {
  it("is the path and query below the API's base URL, wherever it is", () => {
    const here = window.location.origin;
    expect(relativePath("", `${here}/me/requests/r1/accept?x=1`)).toBe("/me/requests/r1/accept?x=1");
    expect(relativePath("/api", `${here}/api/me`)).toBe("/me");
    expect(relativePath("http://api.test/prod/", "http://api.test/prod/me")).toBe("/me");
    expect(relativePath("http://api.test/prod", "http://api.test/other/me")).toBeNull();
    expect(relativePath("http://api.test", "http://evil.test/me")).toBeNull();
  });
});
