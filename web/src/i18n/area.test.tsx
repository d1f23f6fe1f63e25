import { act, render, screen } from "@testing-library/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import { createI18n } from ".";
import { useAreaStrings } from "./area";

const strings = {
  en: { zone: { hello: "Hello" }, app: { signOut: "Leave", extra: "More" } },
  fr: { zone: { hello: "Bonjour" }, app: { signOut: "Partir", extra: "Plus" } },
};

function ZonePage() {
  useAreaStrings(strings);
  const { t } = useTranslation();
  return <p>{`${t("zone.hello")} · ${t("app.extra")} · ${t("app.signOut")}`}</p>;
}

describe("useAreaStrings", () => {
  it("adds the area's strings in both languages to the instance that renders it, before its first t()", () => {
    const i18n = createI18n("fr");
    const other = createI18n("fr");
    expect(i18n.exists("zone.hello")).toBe(false);
    render(
      <I18nextProvider i18n={i18n}>
        <ZonePage />
      </I18nextProvider>,
    );
    // Merged into the one namespace: the portal's own strings stay as they were.
    expect(screen.getByText("Bonjour · Plus · Se déconnecter")).toBeInTheDocument();
    expect(i18n.getResource("en", "translation", "zone.hello")).toBe("Hello");
    expect(i18n.getResource("en", "translation", "app.signOut")).toBe("Sign out");
    expect(other.exists("zone.hello")).toBe(false);
  });

  it("adds them once per instance, however often the page renders", () => {
    const i18n = createI18n("en");
    const add = vi.spyOn(i18n, "addResourceBundle");
    const page = (
      <I18nextProvider i18n={i18n}>
        <ZonePage />
      </I18nextProvider>
    );
    const { rerender, unmount } = render(page);
    rerender(page);
    unmount();
    render(page);
    expect(add).toHaveBeenCalledTimes(2);
    expect(screen.getByText("Hello · More · Sign out")).toBeInTheDocument();
  });

  it("has the other language at hand when the header switches", async () => {
    const i18n = createI18n("en");
    render(
      <I18nextProvider i18n={i18n}>
        <ZonePage />
      </I18nextProvider>,
    );
    expect(screen.getByText("Hello · More · Sign out")).toBeInTheDocument();
    await act(() => i18n.changeLanguage("fr"));
    expect(screen.getByText("Bonjour · Plus · Se déconnecter")).toBeInTheDocument();
  });
});
