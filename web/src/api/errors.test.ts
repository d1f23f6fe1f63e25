import { describe, expect, it } from "vitest";
import { asSentence } from "./errors";

describe("asSentence", () => {
  it("capitalises and ends an API message with a full stop", () => {
    expect(asSentence("this magic link was already used")).toBe("This magic link was already used.");
    expect(asSentence("  expired  ")).toBe("Expired.");
    expect(asSentence("été retiré")).toBe("Été retiré.");
  });

  it("keeps a message that is already a sentence", () => {
    expect(asSentence("This link was used already.")).toBe("This link was used already.");
    expect(asSentence("Gone!")).toBe("Gone!");
    expect(asSentence("Why?")).toBe("Why?");
    expect(asSentence("")).toBe("");
  });
});
