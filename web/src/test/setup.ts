import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, expect } from "vitest";

afterEach(() => cleanup());

// A key no bundle holds (src/i18n says so on the console) fails the test that
// showed it, as the browser tests do: e.g. an admin page that forgot to add
// its area's strings (src/i18n/area.ts) before its first t().
const consoleError = console.error;
let missing: unknown[] = [];
console.error = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("i18n: no string")) missing.push(args[0]);
  consoleError(...args);
};
afterEach(() => {
  const shown = missing;
  missing = [];
  expect(shown).toEqual([]);
});

// jsdom lays nothing out, so every width is 0, which PatternFly's Page takes
// for a phone (sidebar collapsed and aria-hidden): the page reads as 1400 px
// wide, a desktop.
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth")!;
Object.defineProperty(HTMLElement.prototype, "clientWidth", {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains("pf-v6-c-page") ? 1400 : (clientWidth.get!.call(this) as number);
  },
});
