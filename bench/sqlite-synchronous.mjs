// SQLite durability vs speed: the cost of synchronous=FULL (the setting the API uses) against NORMAL,
// in WAL mode, for the write the product does most — a unit's report save: one report row, twenty
// indicator values and an audit line in one transaction. Run on the project's own disk (data/), not
// /tmp, which may be in memory where fsync costs nothing. Prints commits per second and latencies.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

const N = Number(process.env.BENCH_TX ?? 1500);
const root = fs.mkdtempSync(path.join(process.cwd(), "data", "bench-sync-"));

function run(mode) {
  const file = path.join(root, `${mode}.sqlite`);
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${mode}`);
  db.exec(`create table reports (id integer primary key, version integer not null, difficulties text not null, updated_at text not null);
           create table values_ (report_id integer not null, item integer not null, value real, updated_at text not null, primary key (report_id, item));
           create table audit (id integer primary key, report_id integer not null, field text, new_value text, at text not null);
           insert into reports values (1, 0, '', '');`);
  const bump = db.prepare("update reports set version = version + 1, difficulties = ?, updated_at = ? where id = 1");
  const value = db.prepare("insert into values_ values (1, ?, ?, ?) on conflict (report_id, item) do update set value = excluded.value, updated_at = excluded.updated_at");
  const audit = db.prepare("insert into audit (report_id, field, new_value, at) values (1, 'difficulties', ?, ?)");
  const save = db.transaction((n) => {
    const at = new Date().toISOString();
    bump.run(`Lần lưu ${n}`, at);
    for (let i = 0; i < 20; i++) value.run(i, n + i, at);
    audit.run(`Lần lưu ${n}`, at);
  });
  const times = [];
  const t0 = process.hrtime.bigint();
  for (let n = 0; n < N; n++) {
    const s = process.hrtime.bigint();
    save(n);
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const total = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  return { mode, perSecond: Math.round(N / total), p50: q(0.5), p99: q(0.99) };
}

try {
  const results = ["NORMAL", "FULL"].map(run);
  console.log(`SQLite WAL, ${N} report saves (22 rows each), on ${path.relative(process.cwd(), root)}:`);
  for (const r of results) console.log(`  synchronous=${r.mode.padEnd(6)}  ${String(r.perSecond).padStart(6)} saves/s   p50 ${r.p50} ms   p99 ${r.p99} ms`);
  const [normal, full] = results;
  console.log(`  FULL costs ${(normal.perSecond / full.perSecond).toFixed(1)}× fewer saves per second; the ward makes a few per minute at peak.`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
