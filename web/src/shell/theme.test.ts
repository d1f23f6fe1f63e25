import { describe, expect, it } from "vitest";
import { followSystemTheme } from "./theme";

function fakeMedia(dark: boolean) {
  const listeners: Array<() => void> = [];
  const query = {
    matches: dark,
    addEventListener: (_: string, l: () => void) => listeners.push(l),
    removeEventListener: () => {},
  };
  window.matchMedia = (() => query) as unknown as typeof window.matchMedia;
  return {
    set(d: boolean) {
      query.matches = d;
      listeners.forEach((l) => l());
    },
  };
}

describe("the theme", () => {
  it("follows prefers-color-scheme with PatternFly's dark class, also when it changes", () => {
    const media = fakeMedia(true);
    const root = document.createElement("html");
    followSystemTheme(root);
    expect(root.classList.contains("pf-v6-theme-dark")).toBe(true);
    media.set(false);
    expect(root.classList.contains("pf-v6-theme-dark")).toBe(false);
  });
});
