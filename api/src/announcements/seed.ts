import type { AppContext } from "../http/context.js";

/** Demo notices (filled in by the announcements feature). Idempotent. */
export async function seedDemoAnnouncements(_ctx: AppContext): Promise<void> {}
