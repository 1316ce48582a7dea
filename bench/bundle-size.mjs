// Sizes of the built mini app (built here, fresh, with the project's vite config): the JavaScript a
// phone needs before the first screen (what www/app-config.json lists for Zalo to load up front:
// the entry and its static imports), every chunk loaded on demand, and the CSS. gzip -9 and
// brotli, as the API serves them (the build writes .gz/.br beside each file).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "vite";
import { report } from "./lib.mjs";

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-bundle-"));
try {
  await build({ configFile: path.resolve("vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const config = JSON.parse(fs.readFileSync(path.join(outDir, "app-config.json"), "utf8"));
  const initial = new Set([...config.listSyncJS, ...config.listAsyncJS]);
  const sizes = (file) => {
    const raw = fs.readFileSync(path.join(outDir, file));
    return { raw: raw.length, gz: zlib.gzipSync(raw, { level: 9 }).length, br: zlib.brotliCompressSync(raw).length };
  };
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} kB`;
  const total = (files) => files.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });
  const js = fs.readdirSync(path.join(outDir, "assets")).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const lazy = js.filter((f) => !initial.has(f)).sort((a, b) => sizes(b).gz - sizes(a).gz);
  console.log("  loaded up front:");
  for (const f of initial) console.log(`    ${f.padEnd(46)} ${kb(sizes(f).raw)}   gzip ${kb(sizes(f).gz)}   brotli ${kb(sizes(f).br)}`);
  console.log(`  loaded on demand (${lazy.length} chunks, largest first):`);
  for (const f of lazy.slice(0, 12)) console.log(`    ${f.padEnd(46)} ${kb(sizes(f).raw)}   gzip ${kb(sizes(f).gz)}`);
  const first = total([...initial]);
  const css = total(config.listCSS);
  console.log(`  CSS (all, Zalo loads it up front): ${kb(css.raw)}   gzip ${kb(css.gz)}`);
  report({ figure: "First open: initial JavaScript (entry + static imports)", value: first.gz / 1024, unit: "kB gzip", target: "≤ 130 kB gzip", ok: first.gz / 1024 <= 130 });
  report({ figure: "First open: initial JavaScript, brotli (as served)", value: first.br / 1024, unit: "kB" });
  report({ figure: "Largest chunk loaded on demand", value: sizes(lazy[0]).gz / 1024, unit: `kB gzip (${lazy[0].replace(/^assets\//, "").replace(/\.[\w-]+\.module\.js$/, "")})` });
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
