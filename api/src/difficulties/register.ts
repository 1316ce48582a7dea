import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { DifficultyKind } from "../contract/difficulties.js";
import { foldVietnamese } from "../lib/text.js";

/** "Không", "Không có khó khăn.", "Không có đề xuất" say there is nothing: not an item. */
const NOTHING = /^(khong|khong co|chua co|khong co gi)( kho khan| vuong mac| de xuat| kien nghi|[ ,]+)*\.?$/;

/**
 * The separate difficulties (or proposals) in a unit's text: one per line, list marks removed
 * ("-", "•", "+", "*", "1.", "2)", "a)"), lines that say "none" left out, duplicates kept once.
 */
export function splitItems(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*(?:[-•+*–]|\d{1,2}[.)]|[a-zđ][.)])\s+/i, "").trim();
    const key = foldVietnamese(line);
    if (line.length < 3 || NOTHING.test(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(line.slice(0, 2000));
  }
  return out;
}

export interface SubmittedIssues {
  periodId: number;
  unitId: number;
  difficulties: string;
  proposals: string;
}

/**
 * Turns a submitted report's difficulties and proposals into register items. Called in the
 * submission's transaction. A line already registered stays as it is (with its theme and follow-up);
 * a line the unit removed in a resubmission disappears only while nobody has worked on it yet.
 */
export async function registerReportIssues(db: Kysely<DB>, r: SubmittedIssues, nowIso: string): Promise<number> {
  const period = await db.selectFrom("periods").select("year").where("id", "=", r.periodId).executeTakeFirstOrThrow();
  let created = 0;
  for (const [kind, text] of [
    ["difficulty", r.difficulties],
    ["proposal", r.proposals],
  ] as [DifficultyKind, string][]) {
    const lines = splitItems(text ?? "");
    const keys = lines.map((l) => foldVietnamese(l));
    for (const [i, line] of lines.entries()) {
      const res = await db
        .insertInto("difficulty_items")
        .values({
          kind,
          period_id: r.periodId,
          unit_id: r.unitId,
          year: Number(period.year),
          text: line,
          text_key: keys[i],
          theme_id: null,
          state: "new",
          merged_into_id: null,
          forwarded_to: null,
          forwarded_at: null,
          answer: null,
          resolved_at: null,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .onConflict((oc) => oc.columns(["period_id", "unit_id", "kind", "text_key"]).doNothing())
        .executeTakeFirst();
      created += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    let gone = db
      .deleteFrom("difficulty_items")
      .where("period_id", "=", r.periodId)
      .where("unit_id", "=", r.unitId)
      .where("kind", "=", kind)
      .where("state", "=", "new")
      .where("theme_id", "is", null)
      .where("merged_into_id", "is", null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("difficulty_items as m").select("m.id").whereRef("m.merged_into_id", "=", "difficulty_items.id"))));
    if (keys.length) gone = gone.where("text_key", "not in", keys);
    await gone.execute();
  }
  return created;
}

/** Registers the items of every submitted or approved report (at start: reports sent before the register existed). */
export async function registerAllSubmitted(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const reports = await db.selectFrom("reports").select(["period_id", "unit_id", "difficulties", "proposals"]).where("status", "in", ["submitted", "approved"]).execute();
  const nowIso = ctx.clock.now().toISOString();
  let n = 0;
  for (const r of reports) {
    n += await db.transaction().execute((trx) => registerReportIssues(trx, { periodId: r.period_id, unitId: r.unit_id, difficulties: r.difficulties, proposals: r.proposals }, nowIso));
  }
  return n;
}
