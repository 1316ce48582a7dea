import "@testing-library/jest-dom/vitest";

// jsdom lacks these; zmp-ui pages call them.
Element.prototype.scrollTo = function scrollTo() {};
window.scrollTo = () => {};
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
