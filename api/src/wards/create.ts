import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { isUniqueViolation } from "../db/dialect.js";
import type { AppContext } from "../http/context.js";
import type { NewWard, NewWardResult } from "../contract/wards.js";
import { NewWardSchema } from "../contract/wards.js";
import { CITY_CODE } from "../catalog/seed-data.js";
import { badRequest, conflict } from "../lib/errors.js";
import { issueInvitation, selectInvitations, toInvitation } from "../identity/invitations.js";
import { prepareWard } from "./prepare.js";
import { csvInvalid, unitsFromCsv } from "./csv.js";
import { templateUnits, wardUnitName, type WardUnitDraft } from "./template.js";
import { toWard } from "./names.js";
import { WARD_LEVEL_LABELS } from "../contract/wards-labels.js";

/** How long the first staff invitation of a new ward stays valid: setting a ward up takes a few weeks. */
export const FIRST_STAFF_INVITATION_DAYS = 30;

const wardCodeTaken = (code: string) =>
  conflict("WARD_CODE_TAKEN", `Mã “${code}” đã được dùng cho một phường, xã hoặc đơn vị khác. Vui lòng chọn mã khác.`, { code });

/**
 * Adds a commune-level unit to the city: the ward's own unit under the city, its units (the template or
 * the CSV, codes prefixed "<CODE>-"), their share of the plan copied from the reference ward, and a
 * 30-day invitation for its first staff member — all in one transaction, so a refused file or a taken
 * code leaves nothing behind. Then the ward's yearly periods and duties are made ready.
 * `createdBy` is the city staff member (or the shell's system account) who issues the invitation.
 */
export async function createWard(ctx: AppContext, input: NewWard, createdBy: number): Promise<NewWardResult> {
  const body = NewWardSchema.parse(input);
  const { db } = ctx.database;
  const drafts: WardUnitDraft[] =
    body.source === "csv"
      ? unitsFromCsv(requireCsv(body.csv), body.code)
      : templateUnits(body.level, body.placeName, body.residentialGroups);
  const codeOf = (local: string) => `${body.code}-${local}`;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();

  // refused before anything is written: the ward's code, and every unit code, must be free
  const taken = new Set(
    (await db.selectFrom("units").select("code").where("code", "in", [body.code, ...drafts.map((d) => codeOf(d.code))]).execute()).map((r) => r.code),
  );
  if (taken.has(body.code)) throw wardCodeTaken(body.code);
  const clashes = drafts.filter((d) => taken.has(codeOf(d.code)));
  if (clashes.length && body.source !== "csv") throw wardCodeTaken(body.code);
  if (clashes.length) {
    throw csvInvalid(clashes.map((d) => ({ row: d.line ?? 0, column: "code", message: `Mã “${codeOf(d.code)}” đã có trong hệ thống.` })));
  }
  const name = wardUnitName(body.level, body.placeName);
  const sameName = await db.selectFrom("units").select("code").where("kind", "=", "ward").where("name", "=", name).executeTakeFirst();
  if (sameName) {
    throw conflict("WARD_NAME_TAKEN", `${WARD_LEVEL_LABELS[body.level].title} ${body.placeName} đã có trong hệ thống (mã ${sameName.code}).`, { code: sameName.code });
  }

  let wardId: number;
  let invitationId: number;
  try {
    ({ wardId, invitationId } = await db.transaction().execute(async (trx) => {
      const city = await trx.selectFrom("units").select("id").where("code", "=", CITY_CODE).where("kind", "=", "city").executeTakeFirst();
      if (!city) throw badRequest("CITY_MISSING", "Chưa có đơn vị cấp thành phố trong hệ thống.");
      let order = await nextSortOrder(trx);
      const ward = await trx
        .insertInto("units")
        .values({ code: body.code, name, short_name: `UBND ${WARD_LEVEL_LABELS[body.level].word} ${body.placeName}`, kind: "ward", parent_id: city.id, ward_id: null, sort_order: order++, created_at: nowIso })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.updateTable("units").set({ ward_id: ward.id }).where("id", "=", ward.id).execute();
      const ids = new Map<string, number>();
      const created: { id: number; localCode: string; kind: string }[] = [];
      for (const d of drafts) {
        const row = await trx
          .insertInto("units")
          .values({
            code: codeOf(d.code),
            name: d.name,
            short_name: d.shortName,
            kind: d.kind,
            parent_id: d.parent ? ids.get(d.parent)! : ward.id,
            ward_id: ward.id,
            sort_order: order++,
            created_at: nowIso,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids.set(d.code, row.id);
        created.push({ id: row.id, localCode: d.code, kind: d.kind });
      }
      // the first staff member works in the culture-society office, where the plan's monitoring lives
      const staffUnit = ids.get("VHXH") ?? ward.id;
      const invitationId = await issueInvitation(trx, { unitId: staffUnit, role: "staff", createdBy, now, days: FIRST_STAFF_INVITATION_DAYS });
      return { wardId: ward.id, invitationId };
    }));
  } catch (err) {
    // two requests for one code at the same moment: the unique code keeps one ward
    if (isUniqueViolation(err)) throw wardCodeTaken(body.code);
    throw err;
  }
  await prepareWard(ctx, wardId);
  const wardRow = await db.selectFrom("units").select(["id", "code", "name", "short_name"]).where("id", "=", wardId).executeTakeFirstOrThrow();
  const inv = await selectInvitations(db).where("invitations.id", "=", invitationId).executeTakeFirstOrThrow();
  return { ward: toWard(ctx.config, wardRow), unitCount: drafts.length, invitation: await toInvitation(ctx.config, inv, nowIso) };
}

function requireCsv(csv: string | undefined): string {
  if (!csv || !csv.trim()) throw badRequest("CSV_REQUIRED", "Vui lòng chọn tệp CSV danh sách đơn vị của phường, xã.");
  return csv;
}

async function nextSortOrder(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom("units").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}
