import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";

export const cityMigrations: DbMigration[] = [
  {
    name: "1200_city_snapshots",
    async up(db, dialect) {
      await withId(db.schema.createTable("ward_snapshots"), dialect)
        .addColumn("ward_id", refType, (c) => c.notNull().references("units.id").onDelete("restrict"))
        .addColumn("period_id", refType, (c) => c.notNull().references("periods.id").onDelete("restrict"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("counted", "text", (c) => c.notNull())
        .addColumn("summary_json", "text", (c) => c.notNull())
        .addColumn("docx_file_id", "text", (c) => c.notNull().references("files.id").onDelete("restrict"))
        .addColumn("xlsx_file_id", "text", (c) => c.notNull().references("files.id").onDelete("restrict"))
        .addColumn("sent_at", "text", (c) => c.notNull())
        .addColumn("sent_by", refType, fk("users", "set null"))
        .addColumn("decided_at", "text")
        .addColumn("decided_by", refType, fk("users", "set null"))
        .addColumn("return_reason", "text")
        .addColumn("units_submitted", "integer", (c) => c.notNull())
        .addColumn("units_expected", "integer", (c) => c.notNull())
        .addColumn("indicators_on_track", "integer", (c) => c.notNull())
        .addColumn("indicators_total", "integer", (c) => c.notNull())
        // the guard against two sends at once: the second insert of the same version fails
        .addUniqueConstraint("ward_snapshots_version_uq", ["ward_id", "period_id", "version"])
        .execute();
      await db.schema.createIndex("ward_snapshots_year_idx").on("ward_snapshots").columns(["year", "ward_id"]).execute();
      await db.schema
        .createTable("ward_snapshot_figures")
        .addColumn("snapshot_id", refType, (c) => c.notNull().references("ward_snapshots.id").onDelete("cascade"))
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("restrict"))
        .addColumn("value", "double precision")
        .addColumn("numerator", "double precision")
        .addColumn("denominator", "double precision")
        .addColumn("units_reported", "integer", (c) => c.notNull())
        .addColumn("units_expected", "integer", (c) => c.notNull())
        .addColumn("on_track", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("ward_snapshot_figures_pk", ["snapshot_id", "indicator_id"])
        .execute();
      await db.schema
        .createTable("city_deadlines")
        .addColumn("year", "integer", (c) => c.primaryKey())
        .addColumn("deadline_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType, fk("users", "set null"))
        .execute();
    },
  },
];
