import { describe, expect, it } from "vitest";
import { loadSettings, parseSettings, SettingsError } from "./settings";

describe("runtime settings", () => {
  it("drops a trailing slash from api_url", () => {
    expect(parseSettings({ api_url: "https://api.test/", issuer: "https://op.test", client_id: "portal" })).toEqual({
      api_url: "https://api.test",
      issuer: "https://op.test",
      client_id: "portal",
    });
  });

  it('takes an empty api_url as "this origin" (the local server serves the portal beside the API)', () => {
    expect(parseSettings({ api_url: "", issuer: "http://127.0.0.1:8080/oidc", client_id: "persona-portal" }).api_url).toBe("");
  });

  it("names every missing field", () => {
    expect(() => parseSettings({ api_url: "x" })).toThrow("config.json lacks issuer, client_id");
  });

  it("refuses a config.json the server does not serve", async () => {
    const fetchFn = async () => new Response("nope", { status: 404 });
    await expect(loadSettings(fetchFn)).rejects.toBeInstanceOf(SettingsError);
  });
});
