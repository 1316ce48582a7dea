import type { AppContext } from "../http/context.js";

/** Feedback categories (always) and demo items (with SEED_DEMO), filled in by the feedback feature. Idempotent. */
export async function seedFeedback(_ctx: AppContext): Promise<void> {}
