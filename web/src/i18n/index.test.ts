import { afterEach, describe, expect, it, vi } from "vitest";
import { createI18n } from ".";

describe("createI18n", () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  afterEach(() => error.mockClear());

  it("says on the console when neither bundle has a key", () => {
    const i18n = createI18n("fr");
    expect(i18n.t("no.such.key")).toBe("no.such.key");
    expect(error).toHaveBeenCalledWith('i18n: no string for "no.such.key"');
  });

  it("stays quiet for a key both bundles have and for one given a default", () => {
    const i18n = createI18n("fr");
    expect(i18n.t("app.signOut")).toBe("Se déconnecter");
    expect(i18n.t("personaTypes.signatory", { defaultValue: "Signatory" })).toBe("Signatory");
    expect(error).not.toHaveBeenCalled();
  });
});
