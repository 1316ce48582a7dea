import { describe, expect, it } from "vitest";
import { isProxiedToApi } from "./dev-proxy";

// `npm run dev` used to proxy every /api… path, including /api/src/contract/*.ts that the app imports
// through @contract, so the dev app stayed blank (500s from the proxy).
describe("vite dev server proxy", () => {
  it("forwards API calls", () => {
    expect(isProxiedToApi("/api/health")).toBe(true);
    expect(isProxiedToApi("/api/periods/1/reports/8")).toBe(true);
    expect(isProxiedToApi("/api/announcements?limit=3")).toBe(true);
  });

  it("serves the contract modules and the app's own files itself", () => {
    expect(isProxiedToApi("/api/src/contract/reports-labels.ts")).toBe(false);
    expect(isProxiedToApi("/api/src/lib/time.ts")).toBe(false);
    expect(isProxiedToApi("/src/main.tsx")).toBe(false);
  });
});
