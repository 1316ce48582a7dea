import type { Generated, Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { DbMigration } from "../db/migrator.js";
import { refType, withId } from "../db/dialect.js";
import type { Commendation, CommendationInput } from "../contract/commendations.js";
import type { SubmitProblem } from "../contract/reports.js";
import { COMMENDATION_KIND_LABELS } from "../contract/summary-labels.js";

/**
 * Commendation candidates of a unit's yearly report: stored as their own rows (the ward report lists
 * them in the usual table), saved as a whole list like the evidence, checked at submit.
 */

export interface ReportCommendationsTable {
  id: Generated<number>;
  report_id: number;
  sort_order: number;
  kind: "collective" | "person";
  name: string;
  /** "Chức vụ – đơn vị" */
  position: string;
  achievement: string;
  /** the proposed form ("Hình thức đề nghị") */
  award_form: string;
}

export const commendationMigrations: DbMigration[] = [
  {
    name: "0650_report_commendations",
    async up(db, dialect) {
      await withId(db.schema.createTable("report_commendations"), dialect)
        .addColumn("report_id", refType, (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("sort_order", "integer", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("position", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("achievement", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("award_form", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.createIndex("report_commendations_report_idx").on("report_commendations").columns(["report_id", "sort_order"]).execute();
    },
  },
];

export async function loadCommendations(db: Kysely<DB>, reportId: number): Promise<Commendation[]> {
  if (!reportId) return [];
  const rows = await db.selectFrom("report_commendations").selectAll().where("report_id", "=", reportId).orderBy("sort_order").execute();
  return rows.map((r) => ({ kind: r.kind, name: r.name, position: r.position, achievement: r.achievement, form: r.award_form }));
}

/**
 * Kept as typed (an autosave mid-word must not eat a trailing space or a line just added); the
 * summary trims, and a line left entirely empty is ignored at submit and in the ward report.
 */
export function normaliseCommendations(list: CommendationInput[]): Commendation[] {
  return list.map((c) => ({ kind: c.kind, name: c.name, position: c.position ?? "", achievement: c.achievement ?? "", form: c.form ?? "" }));
}

const isBlank = (c: Commendation) => ![c.name, c.position, c.achievement, c.form].some((v) => v.trim());

export async function replaceCommendations(db: Kysely<DB>, reportId: number, list: Commendation[]): Promise<void> {
  await db.deleteFrom("report_commendations").where("report_id", "=", reportId).execute();
  if (!list.length) return;
  await db
    .insertInto("report_commendations")
    .values(list.map((c, i) => ({ report_id: reportId, sort_order: i, kind: c.kind, name: c.name, position: c.position, achievement: c.achievement, award_form: c.form })))
    .execute();
}

/** The audit/conflict text of a list ("Tập thể: Đoàn phường — Giấy khen; …"). */
export function commendationsText(list: Commendation[]): string {
  return list.map((c) => `${COMMENDATION_KIND_LABELS[c.kind]}: ${c.name.trim() || "(chưa ghi tên)"}${c.form.trim() ? ` — ${c.form.trim()}` : ""}`).join("; ");
}

/** What blocks a submit: a candidate needs a name (and an achievement to be worth proposing). */
export function commendationProblems(list: Commendation[]): SubmitProblem[] {
  const out: SubmitProblem[] = [];
  list.forEach((c, i) => {
    if (isBlank(c)) return;
    const at = (attr: string, code: SubmitProblem["code"], message: string) =>
      out.push({ field: `commendation:${i}:${attr}`, itemKind: "report", itemId: null, code, message: `Đề nghị khen thưởng thứ ${i + 1}: ${message}` });
    if (!c.name.trim()) at("name", "COMMENDATION_NAME_REQUIRED", "chưa ghi tên tập thể hoặc cá nhân.");
    if (!c.achievement.trim()) at("achievement", "COMMENDATION_ACHIEVEMENT_REQUIRED", "chưa ghi thành tích.");
  });
  return out;
}
