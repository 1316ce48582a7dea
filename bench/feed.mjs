// The announcements feed under load: the real API (spawned) on a temp SQLite (or DATABASE_URL)
// with the demo seed plus ~500 generated notices. Loads the first page, anonymous and signed in,
// fresh and revalidated with If-None-Match (304). Prints requests/s and p99; nothing is asserted.
// (autocannon counts 304 answers under "non-2xx": for the If-None-Match lines they are the expected answer.)
// Env: BENCH_SECONDS (default 5), BENCH_NOTICES (default 500).
import { load, startServer } from "./lib.mjs";

const NOTICES = Number(process.env.BENCH_NOTICES ?? 500);
const server = await startServer({ SEED_DEMO: "true", DEV_SIGNIN: "true" });

async function json(path, { token, method = "GET", body } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

try {
  const staff = (await json("/api/auth/dev", { method: "POST", body: { role: "staff", name: "Bench" } })).token;
  const units = await json("/api/units");
  const doan = units.find((u) => u.code === "DOAN").id;
  const focal = (await json("/api/auth/dev", { method: "POST", body: { role: "focal", unitId: doan, name: "Bench focal" } })).token;
  const categories = await json("/api/announcement-categories");
  const audiences = ["everyone", "everyone", "everyone", "all_units", "units"];
  const words = ["Nghị quyết", "thanh niên", "việc làm", "tình nguyện", "chuyển đổi số", "báo cáo", "hội nghị", "tập huấn"];
  let made = 0;
  const t0 = Date.now();
  async function worker() {
    while (made < NOTICES) {
      const i = made++;
      const audience = audiences[i % audiences.length];
      await json("/api/announcements", {
        token: staff,
        method: "POST",
        body: {
          title: `Thông báo số ${i + 1} về ${words[i % words.length]} năm 2026`,
          body: `Nội dung **thông báo số ${i + 1}** về ${words[(i + 3) % words.length]}.\n\n- Mục một\n- Mục hai\n\nXem thêm tại [cổng thông tin](https://example.gov.vn/${i}).`,
          categoryId: categories[i % categories.length].id,
          audience,
          unitIds: audience === "units" ? [units[1 + (i % (units.length - 1))].id] : [],
          pinned: i % 97 === 0,
          requiresAck: audience !== "everyone" && i % 3 === 0,
          status: "published",
        },
      });
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(`Seeded ${NOTICES} notices in ${((Date.now() - t0) / 1000).toFixed(1)} s (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"}); 20 connections:`);

  const etagOf = async (token) => {
    const res = await fetch(`${server.url}/api/announcements`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    await res.arrayBuffer();
    return res.headers.get("etag");
  };
  const feed = `${server.url}/api/announcements`;
  await load("baseline: GET /api/health", `${server.url}/api/health`);
  await load("feed, anonymous, first page", feed);
  await load("feed, anonymous, If-None-Match (304)", feed, { headers: { "If-None-Match": await etagOf(null) } });
  await load("feed, focal point, first page", feed, { headers: { Authorization: `Bearer ${focal}` } });
  await load("feed, focal point, If-None-Match (304)", feed, { headers: { Authorization: `Bearer ${focal}`, "If-None-Match": await etagOf(focal) } });
  await load("feed, search \"nghi quyet\"", `${feed}?q=nghi%20quyet`);
} finally {
  await server.stop();
}
