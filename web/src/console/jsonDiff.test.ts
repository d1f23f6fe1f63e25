import { describe, expect, it } from "vitest";
import { diffJson } from "./jsonDiff";

describe("the before and after of an audit record", () => {
  it("names what changed, what was added and what was removed, field by field", () => {
    const rows = diffJson(
      { display_name: "", scope: ["company:acme"], attributes: { team: "blue", level: 2 }, status: { value: "accepted" } },
      { display_name: "Ali", scope: ["company:acme", "company:globex"], attributes: { level: 2, site: "BRU" }, status: { value: "accepted" } },
    );
    expect(rows).toEqual([
      { path: "display_name", before: "", after: "Ali", change: "changed" },
      { path: "scope", before: "company:acme", after: "company:acme, company:globex", change: "changed" },
      { path: "attributes.level", before: "2", after: "2", change: "same" },
      { path: "attributes.site", after: "BRU", change: "added" },
      { path: "status.value", before: "accepted", after: "accepted", change: "same" },
      { path: "attributes.team", before: "blue", change: "removed" },
    ]);
  });

  it("shows a creation as every field added, and an archival as every field removed", () => {
    expect(diffJson(null, { type: "contractor", delegable: true })).toEqual([
      { path: "type", after: "contractor", change: "added" },
      { path: "delegable", after: "true", change: "added" },
    ]);
    expect(diffJson({ name: "Intranet" }, null)).toEqual([{ path: "name", before: "Intranet", change: "removed" }]);
  });

  it("opens lists of objects by position (an import's personas), leaving out fields that hold nothing", () => {
    const rows = diffJson(
      { profile: null, personas: [] },
      { profile: { email: "d@x.test", attributes: {} }, personas: [{ type: "staff", scope: [], valid_until: null }] },
    );
    expect(rows).toEqual([
      { path: "profile.email", after: "d@x.test", change: "added" },
      { path: "personas[0].type", after: "staff", change: "added" },
    ]);
  });

  it("reads a value becoming null (an end date taken away) as removed", () => {
    expect(diffJson({ valid_until: "2027-01-01T00:00:00Z" }, { valid_until: null })).toEqual([
      { path: "valid_until", before: "2027-01-01T00:00:00Z", change: "removed" },
    ]);
  });
});
