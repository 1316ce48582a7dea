// The one way scripts, benchmarks and tests start the real API process. By default it runs what
// production runs: the compiled dist/api/server.js (compiled first when a source is newer).
// runner "tsx" runs the TypeScript sources through tsx instead (the development way, and the
// "before" figure of bench/startup.mjs).
import { API_ENTRY, apiBuildIsStale, buildApi } from "./build-api.mjs";

/** The command and arguments that start the API: `{ command, args }` for child_process.spawn. */
export async function apiServerCommand(runner = process.env.API_RUNNER ?? "dist") {
  if (runner === "tsx") return { command: process.execPath, args: ["--import", "tsx", "api/src/server.ts"] };
  if (runner !== "dist") throw new Error(`API_RUNNER must be "dist" or "tsx", not ${runner}`);
  if (apiBuildIsStale()) await buildApi();
  return { command: process.execPath, args: ["--enable-source-maps", API_ENTRY] };
}
