// Start-up and idle memory of the API: before (the TypeScript sources run by tsx, as `npm run serve`
// used to) and after (the compiled dist/api/server.js that production runs now), alternating runs,
// medians; Express's hello world for reference. Each start is a fresh SQLite database with the
// demo data, so "time to healthy" includes migrations and seeding. Env: BENCH_STARTS (3 of each).
import { spawn } from "node:child_process";
import { median, report, rssMb, startServer } from "./lib.mjs";

const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const idle = (ms) => new Promise((r) => setTimeout(r, ms));

async function helloRss() {
  const port = String(5000 + Math.floor(Math.random() * 1000));
  const child = spawn(process.execPath, ["bench/fixtures/express-hello.mjs"], { env: { ...process.env, PORT: port }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((r) => child.stdout.once("data", r));
  await fetch(`http://127.0.0.1:${port}/`);
  await idle(2000);
  const rss = rssMb(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return rss;
}

const runs = { tsx: { healthy: [], rss: [] }, dist: { healthy: [], rss: [] } };
for (let i = 0; i < STARTS; i++) {
  for (const runner of ["tsx", "dist"]) {
    const server = await startServer({ SEED_DEMO: "true", DEV_SIGNIN: "true" }, { runner });
    await fetch(`${server.url}/api/announcements`); // one real request, then idle (the jobs have ticked)
    await idle(2500);
    runs[runner].healthy.push(server.healthyMs);
    runs[runner].rss.push(rssMb(server.pid));
    await server.stop();
  }
}
const hello = await helloRss();
for (const runner of ["tsx", "dist"]) {
  console.log(`  ${runner.padEnd(4)}: time to healthy ${runs[runner].healthy.map((x) => Math.round(x)).join(", ")} ms; idle RSS ${runs[runner].rss.map((x) => Math.round(x)).join(", ")} MB`);
}
console.log(`  Express hello world idle RSS: ${Math.round(hello)} MB`);
const before = { healthy: median(runs.tsx.healthy), rss: median(runs.tsx.rss) };
const after = { healthy: median(runs.dist.healthy), rss: median(runs.dist.rss) };
report({ figure: "API idle memory before (tsx on the sources)", value: before.rss, unit: "MB RSS", ratio: before.rss / hello, reference: "Express hello" });
report({ figure: "API idle memory after (compiled dist/, production)", value: after.rss, unit: "MB RSS", ratio: after.rss / before.rss, reference: "before", target: "below before", ok: after.rss < before.rss });
report({ figure: "API time to healthy before (tsx), fresh database", value: before.healthy, unit: "ms" });
report({ figure: "API time to healthy after (compiled), fresh database", value: after.healthy, unit: "ms", ratio: after.healthy / before.healthy, reference: "before", target: "below before", ok: after.healthy < before.healthy });
