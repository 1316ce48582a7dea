// Starts an export worker from the TypeScript sources (tsx, vitest): a worker thread does not inherit
// the parent's tsx loader, so it registers its own before importing the entry. The compiled API starts
// dist/api/export-worker.js directly.
import { register } from "tsx/esm/api";

register();
await import(new URL("./entry.ts", import.meta.url).href);
