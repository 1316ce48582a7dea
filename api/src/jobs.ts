import type { AppContext } from "./http/context.js";

/** A background job the server runs every `intervalMs` (the notification outbox, reminders…). */
export interface Job {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

/** Every background job of the product; each feature adds its own. */
export function backgroundJobs(_ctx: AppContext): Job[] {
  return [];
}
