// Load on the catalog and health routes of the real API (SQLite unless DATABASE_URL is set).
// Prints requests/s and p99 latency; nothing is asserted. BENCH_SECONDS sets the duration.
import { load, startServer } from "./lib.mjs";

const server = await startServer();
try {
  console.log(`API load (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"}), 20 connections:`);
  await load("GET /api/health", `${server.url}/api/health`);
  await load("GET /api/indicators", `${server.url}/api/indicators`);
} finally {
  await server.stop();
}
