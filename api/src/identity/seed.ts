import type { AppContext } from "../http/context.js";

/** Initial staff account (filled in by the identity feature). Idempotent. */
export async function seedIdentity(_ctx: AppContext): Promise<void> {}
