import { sql, type Kysely } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { fk, refType } from "../db/dialect.js";

export const filesMigrations: DbMigration[] = [
  {
    name: "0300_files",
    async up(db) {
      await db.schema
        .createTable("files")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("mime", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("storage_path", "text", (c) => c.notNull())
        .addColumn("uploaded_by", refType, fk("users", "set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("files_uploaded_by_idx").on("files").column("uploaded_by").execute();
    },
  },
  {
    // Files inherit the access of what they are attached to. Runs before the components' own tables
    // on a fresh database (nothing to link yet), after them on an existing one: links are backfilled
    // from the references those tables already hold.
    name: "0301_file_links",
    async up(db, dialect) {
      await db.schema
        .createTable("file_links")
        .addColumn("file_id", "text", (c) => c.notNull().references("files.id").onDelete("cascade"))
        .addColumn("parent_kind", "text", (c) => c.notNull())
        .addColumn("parent_id", refType, (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("file_links_pk", ["file_id", "parent_kind", "parent_id"])
        .execute();
      await db.schema.createIndex("file_links_parent_idx").on("file_links").columns(["parent_kind", "parent_id"]).execute();
      await db.schema
        .createTable("server_secrets")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await backfillFileLinks(db, dialect);
    },
  },
];

type Ref = { id?: unknown };
const idsIn = (json: unknown): string[] => {
  if (typeof json !== "string" || !json) return [];
  try {
    const v = JSON.parse(json) as Ref | Ref[] | null;
    return (Array.isArray(v) ? v : v ? [v] : []).map((f) => f?.id).filter((id): id is string => typeof id === "string");
  } catch {
    return [];
  }
};

/** Whether a table exists where unqualified names resolve (PostgreSQL: the search_path, not any schema). */
async function tableExists(db: Kysely<any>, dialect: string, name: string): Promise<boolean> {
  if (dialect === "postgres") {
    const r = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db);
    return r.rows[0]?.t != null;
  }
  const r = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return Number(r.rows[0]?.n) > 0;
}

async function backfillFileLinks(db: Kysely<any>, dialect: string): Promise<void> {
  const tables = new Set<string>();
  for (const t of ["announcements", "feedback_items", "feedback_answers", "report_evidence"]) if (await tableExists(db, dialect, t)) tables.add(t);
  const known = new Set((await db.selectFrom("files").select("id").execute()).map((r: { id: string }) => r.id));
  const links: { file_id: string; parent_kind: string; parent_id: number; created_at: string }[] = [];
  const add = (kind: string, parentId: number, ids: string[], at: string) => {
    for (const id of new Set(ids)) if (known.has(id)) links.push({ file_id: id, parent_kind: kind, parent_id: Number(parentId), created_at: at });
  };
  if (tables.has("announcements")) {
    for (const r of await db.selectFrom("announcements").select(["id", "cover_json", "attachments_json", "created_at"]).execute()) {
      add("announcement", r.id, [...idsIn(r.cover_json), ...idsIn(r.attachments_json)], r.created_at);
    }
  }
  if (tables.has("feedback_items")) {
    for (const r of await db.selectFrom("feedback_items").select(["id", "photos", "created_at"]).execute()) add("feedback_photo", r.id, idsIn(r.photos), r.created_at);
  }
  if (tables.has("feedback_answers")) {
    for (const r of await db.selectFrom("feedback_answers").select(["id", "attachments", "created_at"]).execute()) add("feedback_answer", r.id, idsIn(r.attachments), r.created_at);
  }
  if (tables.has("report_evidence")) {
    for (const r of await db.selectFrom("report_evidence").select(["report_id", "file_id", "created_at"]).execute()) add("report_evidence", r.report_id, [r.file_id], r.created_at);
  }
  const seen = new Set<string>();
  const unique = links.filter((l) => {
    const k = `${l.file_id}|${l.parent_kind}|${l.parent_id}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  for (let i = 0; i < unique.length; i += 200) await db.insertInto("file_links").values(unique.slice(i, i + 200)).execute();
}
