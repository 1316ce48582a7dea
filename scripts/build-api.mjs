// Compiles the API (TypeScript under api/src) into one JavaScript file, dist/api/server.js, with
// esbuild: production runs plain `node` on it (no TypeScript compiler at run time: less memory,
// faster start). Packages in node_modules stay external (native better-sqlite3, pg…). The export
// worker thread's entry is built beside it, dist/api/export-worker.js (api/src/workers/run.ts finds it).
// `node scripts/build-api.mjs` builds; `--if-stale` builds only when a source is newer than the output.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const API_ENTRY = path.join(root, "dist", "api", "server.js");
export const WORKER_ENTRY = path.join(root, "dist", "api", "export-worker.js");
const SOURCES = path.join(root, "api", "src");

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function apiBuildIsStale() {
  const outs = [API_ENTRY, WORKER_ENTRY].map((f) => fs.statSync(f, { throwIfNoEntry: false }));
  if (outs.some((o) => !o)) return true;
  return Math.min(...outs.map((o) => o.mtimeMs)) < newestSource(SOURCES);
}

/** Builds dist/api/server.js and export-worker.js; written to temporary names then renamed, so parallel builds never leave half a file. */
export async function buildApi() {
  const result = await build({
    entryPoints: { server: path.join(SOURCES, "server.ts"), "export-worker": path.join(SOURCES, "workers", "entry.ts") },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    write: false,
    outdir: path.dirname(API_ENTRY),
    logLevel: "warning",
    legalComments: "none",
  });
  fs.mkdirSync(path.dirname(API_ENTRY), { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes("--if-stale") || apiBuildIsStale()) {
    const t0 = performance.now();
    await buildApi();
    console.log(`API compiled → ${path.relative(root, API_ENTRY)} (${Math.round(performance.now() - t0)} ms)`);
  }
}
