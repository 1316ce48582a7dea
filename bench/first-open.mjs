// First open of the mini app on a slow phone: first contentful paint in Chromium with the network at
// 1.6 Mbps down / 750 kbps up / 150 ms RTT and the CPU 4× slower (Chrome DevTools protocol), cold
// cache, against a bare zmp-ui hello app (bench/fixtures/bare-zmp-ui) built at bench time with the
// same vite config. Both are served by the real API (compiled), the same way; runs alternate and
// the medians are compared. Then a youth walks home → notices → a notice → feedback: the JavaScript
// each screen fetches. Env: BENCH_FCP_RUNS (7 of each), CHROMIUM_PATH (/usr/bin/chromium).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { build } from "vite";
import { median, report, startServer } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_FCP_RUNS ?? 7);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-fcp-"));
const BASE = "/zapps/thanh-nien-so/";

async function buildApp(name, root) {
  const outDir = path.join(dir, name);
  await build({ configFile: path.resolve("vite.config.ts"), root: root ? path.resolve(root) : undefined, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Opens `url` in a fresh (cold) context on the slow phone; resolves with FCP and the JS bytes fetched by then. */
async function firstOpen(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "vi-VN" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url, { waitUntil: "commit" });
    const fcp = await (await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime, null, { timeout: 60_000, polling: 50 })).jsonValue();
    const jsBytes = await page.evaluate(
      (at) => performance.getEntriesByType("resource").filter((e) => /\.js(\?|$)/.test(e.name) && e.responseEnd <= at).reduce((n, e) => n + e.encodedBodySize, 0),
      fcp,
    );
    return { fcp, jsBytes };
  } finally {
    await context.close();
  }
}

/** The youth path, unthrottled: the script files each screen fetches. */
async function youthWalk(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  const page = await context.newPage();
  const fetched = [];
  page.on("response", async (res) => {
    if (!/\.js$/.test(res.url())) return;
    const size = Number((await res.allHeaders())["content-length"] ?? 0);
    fetched.push({ file: path.basename(res.url()), size });
  });
  const steps = [];
  const step = async (name, act, screen) => {
    const before = fetched.length;
    await act();
    await page.getByTestId(screen).waitFor();
    await page.waitForLoadState("networkidle");
    steps.push({ name, files: fetched.slice(before) });
  };
  await step("home", () => page.goto(url), "home-page");
  await step("notices", () => page.getByTestId("tab-announcements").click(), "ann-feed");
  await step("a notice", () => page.getByTestId("ann-feed").locator("a[href*='/announcements/']").first().click(), "ann-detail");
  await step("feedback", () => page.getByTestId("tab-feedback").click(), "feedback-page");
  await context.close();
  return steps;
}

async function main() {
  const ours = await buildApp("app");
  const bare = await buildApp("bare", "bench/fixtures/bare-zmp-ui");
  const servers = {
    app: await startServer({ WEB_DIR: ours, SEED_DEMO: "true" }),
    bare: await startServer({ WEB_DIR: bare, SEED_DEMO: "false" }),
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  try {
    const results = { app: [], bare: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const name of i % 2 ? ["bare", "app"] : ["app", "bare"]) results[name].push(await firstOpen(browser, `${servers[name].url}${BASE}`));
    }
    for (const name of ["app", "bare"]) {
      console.log(`  ${name === "app" ? "Thanh niên số" : "bare zmp-ui "}: FCP ${results[name].map((r) => Math.round(r.fcp)).join(", ")} ms; JS fetched by then ${Math.round(results[name][0].jsBytes / 1024)} kB (compressed)`);
    }
    const app = median(results.app.map((r) => r.fcp));
    const ref = median(results.bare.map((r) => r.fcp));
    report({ figure: "First open: first contentful paint (1.6 Mbps, 150 ms RTT, 4× CPU, cold)", value: app, unit: "ms", ratio: app / ref, reference: `bare zmp-ui (${Math.round(ref)} ms)`, target: "≤ 1.5× bare zmp-ui", ok: app / ref <= 1.5 });
    report({ figure: "First open: JavaScript downloaded before the first paint", value: results.app[0].jsBytes / 1024, unit: "kB", ratio: results.app[0].jsBytes / results.bare[0].jsBytes, reference: "bare zmp-ui" });

    const steps = await youthWalk(browser, `${servers.app.url}${BASE}`);
    for (const s of steps) {
      const kb = s.files.reduce((n, f) => n + f.size, 0) / 1024;
      console.log(`  youth path, ${s.name.padEnd(9)}: ${kb.toFixed(1).padStart(6)} kB of JS — ${s.files.map((f) => f.file.replace(/\.[\w-]+\.module\.js$/, "")).join(", ") || "nothing new"}`);
    }
    const screens = steps.slice(1).map((s) => s.files.reduce((n, f) => n + f.size, 0) / 1024);
    report({ figure: "Youth path: largest screen chunk fetched on demand (notices, a notice, feedback)", value: Math.max(...screens), unit: "kB (brotli)" });
  } finally {
    await browser.close();
    await servers.app.stop();
    await servers.bare.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
