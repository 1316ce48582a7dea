// `npm run bench`: runs every benchmark script in bench/ (except helpers) one after another.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const skip = new Set(["lib.mjs", "run-all.mjs"]);
const order = ["bundle-size.mjs", "api-load.mjs"];
const scripts = fs
  .readdirSync("bench")
  .filter((f) => /\.(mjs|ts)$/.test(f) && !skip.has(f) && !f.startsWith("gen-"))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
for (const s of scripts) {
  console.log(`\n━━ bench/${s} ━━`);
  const cmd = s.endsWith(".ts") ? ["npx", ["tsx", `bench/${s}`]] : ["node", [`bench/${s}`]];
  spawnSync(cmd[0], cmd[1], { stdio: "inherit" });
}
