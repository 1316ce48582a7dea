import { sql } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";

export const reportsMigrations: DbMigration[] = [
  {
    name: "0600_reports",
    async up(db, dialect) {
      await withId(db.schema.createTable("reports"), dialect)
        .addColumn("period_id", refType, (c) => c.notNull().references("periods.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("difficulties", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("proposals", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("submitted_at", "text")
        .addColumn("submitted_by", refType, fk("users", "set null"))
        .addColumn("on_time", "integer")
        .addColumn("reviewed_at", "text")
        .addColumn("reviewed_by", refType, fk("users", "set null"))
        .addColumn("return_reason", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType, fk("users", "set null"))
        .addUniqueConstraint("reports_period_unit_uq", ["period_id", "unit_id"])
        .execute();

      await db.schema
        .createTable("report_indicator_values")
        .addColumn("report_id", refType, (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
        .addColumn("numerator", "real")
        .addColumn("denominator", "real")
        .addColumn("value", "real")
        .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("flagged", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("report_indicator_values_pk", ["report_id", "indicator_id"])
        .execute();

      await db.schema
        .createTable("report_task_values")
        .addColumn("report_id", refType, (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("task_id", refType, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
        .addColumn("status", "text")
        .addColumn("progress", "integer")
        .addColumn("result", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("report_task_values_pk", ["report_id", "task_id"])
        .execute();

      await withId(db.schema.createTable("report_evidence"), dialect)
        .addColumn("report_id", refType, (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("file_id", "text", (c) => c.notNull())
        .addColumn("item_kind", "text", (c) => c.notNull())
        .addColumn("item_id", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", refType, (c) => c.notNull().references("users.id"))
        .execute();

      await withId(db.schema.createTable("report_audit"), dialect)
        .addColumn("report_id", refType, (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("user_id", refType, fk("users", "set null"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("field", "text")
        .addColumn("old_value", "text")
        .addColumn("new_value", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("report_audit_report_idx").on("report_audit").columns(["report_id", "id"]).execute();
    },
  },
  {
    // The report version an audit row produced: a stale save (409) lists what changed since its version.
    name: "0610_report_audit_version",
    async up(db) {
      await db.schema.alterTable("report_audit").addColumn("version", "integer").execute();
    },
  },
  {
    // "On time with an extension" is its own answer, not "late": decided at the first submission.
    name: "0610_submit_timing",
    async up(db) {
      await db.schema.alterTable("reports").addColumn("submit_timing", "text").execute();
      await sql`
        update reports set submit_timing = case
          when on_time = 1 then 'on_time'
          when exists (
            select 1 from period_units pu
            where pu.period_id = reports.period_id and pu.unit_id = reports.unit_id
              and pu.exception_until is not null and reports.submitted_at <= pu.exception_until
          ) then 'on_time_extended'
          else 'late' end
        where on_time is not null`.execute(db);
      await sql`update reports set on_time = 1 where submit_timing = 'on_time_extended'`.execute(db);
    },
  },
];
