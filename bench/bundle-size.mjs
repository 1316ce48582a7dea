// Prints the raw and gzip size of the built mini app's JS and CSS (run `npm run build` first).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = path.resolve(process.argv[2] ?? "www", "assets");
if (!fs.existsSync(dir)) {
  console.error(`No build at ${dir}: run \`npm run build\` first.`);
  process.exit(1);
}
const totals = { js: [0, 0], css: [0, 0] };
for (const f of fs.readdirSync(dir).sort()) {
  const kind = f.endsWith(".js") ? "js" : f.endsWith(".css") ? "css" : null;
  if (!kind) continue;
  const buf = fs.readFileSync(path.join(dir, f));
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  totals[kind][0] += buf.length;
  totals[kind][1] += gz;
  console.log(`${f.padEnd(48)} ${(buf.length / 1024).toFixed(1).padStart(8)} kB   gzip ${(gz / 1024).toFixed(1).padStart(7)} kB`);
}
for (const k of ["js", "css"]) {
  console.log(`TOTAL ${k.toUpperCase().padEnd(42)} ${(totals[k][0] / 1024).toFixed(1).padStart(8)} kB   gzip ${(totals[k][1] / 1024).toFixed(1).padStart(7)} kB`);
}
