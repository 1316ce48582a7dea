// `npm run bench`: every benchmark script in bench/ (helpers and generators excepted), one after
// another, then one table of every figure of issue 13: measured value, ratio, target, and which miss.
// Figures are collected through $BENCH_RESULTS (bench/lib.mjs, report()). Nothing is asserted: the
// exit code is 0 unless a script crashed. Env: BENCH_ONLY=feed,push (a subset), and each script's own.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const skip = new Set(["lib.mjs", "run-all.mjs"]);
const order = ["bundle-size.mjs", "first-open.mjs", "startup.mjs", "api-load.mjs", "feed.ts", "push.ts"];
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const scripts = fs
  .readdirSync("bench")
  .filter((f) => /\.(mjs|ts)$/.test(f) && !f.endsWith(".d.mts") && !skip.has(f) && !f.startsWith("gen-") && !f.startsWith("."))
  .filter((f) => !only || only.includes(f.replace(/\.(mjs|ts)$/, "")))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));

const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-results-")), "figures.jsonl");
fs.writeFileSync(results, "");
const crashed = [];
console.log(`Machine: ${os.cpus().length} CPU, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (ratios are measured side by side because the machine is shared)`);
for (const s of scripts) {
  console.log(`\n━━ bench/${s} ━━`);
  const cmd = s.endsWith(".ts") ? ["npx", ["tsx", `bench/${s}`]] : ["node", [`bench/${s}`]];
  const r = spawnSync(cmd[0], cmd[1], { stdio: "inherit", env: { ...process.env, BENCH_RESULTS: results } });
  if (r.status !== 0) crashed.push(s);
}

const figures = fs
  .readFileSync(results, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const width = Math.min(100, Math.max(...figures.map((f) => f.figure.length)));
console.log(`\n━━ Summary: ${figures.length} figures ━━`);
for (const f of figures) {
  const value = `${f.value}${f.unit ? ` ${f.unit}` : ""}`;
  const ratio = f.ratio === null ? "" : `${f.ratio.toFixed(2)}× ${f.reference ?? ""}`;
  const verdict = f.ok === null ? "" : f.ok ? "ok" : "MISS";
  console.log(`${verdict.padEnd(4)}  ${f.figure.padEnd(width)}  ${value.padEnd(22)}  ${ratio.padEnd(28)}  ${f.target ? `target ${f.target}` : ""}`);
}
const misses = figures.filter((f) => f.ok === false);
console.log(misses.length ? `\n${misses.length} of ${figures.filter((f) => f.ok !== null).length} targets missed: ${misses.map((f) => f.figure).join("; ")}` : "\nEvery target met.");
if (crashed.length) {
  console.log(`Scripts that failed: ${crashed.join(", ")}`);
  process.exit(1);
}
