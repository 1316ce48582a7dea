import "@testing-library/jest-dom/vitest";
import { afterAll } from "vitest";

// zmp-ui's snackbar shows a message that replaces an open one after a 250 ms timer it never clears:
// each test file ends by waiting that long, so the timer runs while the page (jsdom) still exists
// instead of throwing "window is not defined" after the environment is gone.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 300)));

// jsdom lacks these; zmp-ui pages call them.
Element.prototype.scrollTo = function scrollTo() {};
window.scrollTo = () => {};
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
