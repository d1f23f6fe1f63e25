import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

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
