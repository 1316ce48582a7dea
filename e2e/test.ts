import { test as base, expect, type APIRequestContext } from "@playwright/test";

/**
 * Time is an input: every journey runs at a pinned instant, on the server (through the test-only
 * clock route that exists when the e2e server starts with TEST_CLOCK) and in the browser (Playwright's
 * clock). The default is a weekday before the first deadline; a journey that needs another instant
 * says so with `test.use({ now: "…" })`. Both clocks run on in real time from the pinned instant.
 */
export const DEFAULT_NOW = "2026-11-20T10:00:00+07:00";

export async function setServerClock(request: APIRequestContext, now: string): Promise<void> {
  const res = await request.put("/api/test/clock", { data: { now } });
  if (!res.ok()) throw new Error(`could not set the server clock: ${res.status()} ${await res.text()}`);
}

export const test = base.extend<{ now: string; serverClock: void }>({
  now: [DEFAULT_NOW, { option: true }],
  // every test, also one that only calls the API, starts with the server at its instant
  serverClock: [
    async ({ request, now }, use) => {
      await setServerClock(request, now);
      await use();
    },
    { auto: true },
  ],
  page: async ({ page, now }, use) => {
    await page.clock.install({ time: new Date(now) });
    await use(page);
  },
});

export { expect };
export type { APIRequestContext, Page } from "@playwright/test";
