import { wardIdOfUnit } from "../wards/queries.js";
import type { Kysely } from "kysely";
import type { RouteBuilder } from "../http/route.js";
import type { DB } from "../db/schema.js";
import {
  CreateInvitationSchema,
  InvitationCodeParams,
  InvitationListQuery,
  InvitationPageSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MeSchema,
} from "../contract/identity.js";
import { ROLE_LABELS } from "../contract/identity-labels.js";
import { AppError, conflict, notFound } from "../lib/errors.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { loadMe, requireUnit } from "./users.js";
import { newInvitationCode, normaliseCode, toInvitation } from "./invitations.js";
import { userSearchText } from "./search-text.js";

const TAG = "Danh tính";

function selectInvitations(db: Kysely<DB>) {
  return db
    .selectFrom("invitations")
    .innerJoin("units", "units.id", "invitations.unit_id")
    .leftJoin("users as creator", "creator.id", "invitations.created_by")
    .leftJoin("users as used", "used.id", "invitations.used_by")
    .select([
      "invitations.id",
      "invitations.code",
      "invitations.role",
      "invitations.created_at",
      "invitations.expires_at",
      "invitations.used_at",
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
      "creator.name as created_by_name",
      "used.name as used_by_name",
    ]);
}

export function registerInvitationRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/invitations",
      tag: TAG,
      summary: "Cán bộ tạo lời mời đầu mối đơn vị (mã dùng một lần, đường dẫn mini app và mã QR)",
      body: CreateInvitationSchema,
      response: InvitationSchema,
      status: 201,
    },
    async ({ body, user, ctx }) => {
      const { db } = ctx.database;
      await requireUnit(db, body.unitId);
      const now = ctx.clock.now();
      const days = body.expiresInDays ?? ctx.config.identity.invitationTtlDays;
      const expiresAt = new Date(now.getTime() + days * 24 * 3600_000).toISOString();
      // A collision of 10 random characters is practically impossible; retry once anyway.
      let id: number | undefined;
      for (let attempt = 0; attempt < 3 && id === undefined; attempt++) {
        const row = await db
          .insertInto("invitations")
          .values({
            code: newInvitationCode(),
            unit_id: body.unitId,
            role: body.role,
            created_by: user!.id,
            created_at: now.toISOString(),
            expires_at: expiresAt,
            used_by: null,
            used_at: null,
          })
          .onConflict((oc) => oc.column("code").doNothing())
          .returning("id")
          .executeTakeFirst();
        id = row?.id;
      }
      if (id === undefined) throw new Error("could not allocate an invitation code");
      const row = await selectInvitations(db).where("invitations.id", "=", id).executeTakeFirstOrThrow();
      return toInvitation(ctx.config, row, now.toISOString());
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/invitations",
      tag: TAG,
      summary: "Danh sách lời mời (mới nhất trước) với trạng thái còn hiệu lực, đã dùng, hết hạn",
      query: InvitationListQuery,
      response: InvitationPageSchema,
    },
    async ({ query, ctx }) => {
      const now = ctx.clock.now().toISOString();
      let q = selectInvitations(ctx.database.db).orderBy("invitations.id", "desc").limit(query.limit + 1);
      if (query.cursor) q = q.where("invitations.id", "<", query.cursor);
      if (query.status === "used") q = q.where("invitations.used_at", "is not", null);
      if (query.status === "active") q = q.where("invitations.used_at", "is", null).where("invitations.expires_at", ">", now);
      if (query.status === "expired") q = q.where("invitations.used_at", "is", null).where("invitations.expires_at", "<=", now);
      const rows = await q.execute();
      const page = rows.slice(0, query.limit);
      return {
        items: await Promise.all(page.map((row) => toInvitation(ctx.config, row, now))),
        nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
      };
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/invitations/:code",
      tag: TAG,
      summary: "Xem một lời mời trước khi nhận (đơn vị, vai trò, trạng thái)",
      params: InvitationCodeParams,
      // the code grants the focal role: never in the request log
      secretParams: ["code"],
      response: InvitationPreviewSchema,
    },
    async ({ params, ctx }) => {
      const now = ctx.clock.now().toISOString();
      const row = await selectInvitations(ctx.database.db).where("invitations.code", "=", normaliseCode(params.code)).executeTakeFirst();
      if (!row) throw notFound("Mã mời không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.", "INVITATION_NOT_FOUND");
      const { code, role, unit, status, expiresAt } = await toInvitation(ctx.config, row, now, false);
      return { code, role, unit, status, expiresAt };
    },
  );

  r.add(
    {
      method: "delete",
      path: "/api/invitations/:code",
      tag: TAG,
      summary: "Cán bộ thu hồi một lời mời chưa dùng (mã và mã QR hết hiệu lực ngay)",
      params: InvitationCodeParams,
      // the code grants the focal role: never in the request log
      secretParams: ["code"],
      response: InvitationSchema,
    },
    async ({ params, ctx }) => {
      const { db } = ctx.database;
      const now = ctx.clock.now().toISOString();
      const row = await selectInvitations(db).where("invitations.code", "=", normaliseCode(params.code)).executeTakeFirst();
      if (!row) throw notFound("Mã mời không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.", "INVITATION_NOT_FOUND");
      if (row.used_at) throw conflict("INVITATION_USED", "Mã mời này đã được sử dụng nên không thu hồi được. Hãy đổi vai trò người nhận trong Quản lý người dùng.");
      // Revoking ends the code's validity now: it reads as expired everywhere. Only an unused code
      // is touched, so a revoke racing an accept leaves one of them winning cleanly.
      if (row.expires_at > now) {
        await db.updateTable("invitations").set({ expires_at: now }).where("id", "=", row.id).where("used_at", "is", null).execute();
      }
      const after = await selectInvitations(db).where("invitations.id", "=", row.id).executeTakeFirstOrThrow();
      if (after.used_at) throw conflict("INVITATION_USED", "Mã mời này đã được sử dụng nên không thu hồi được. Hãy đổi vai trò người nhận trong Quản lý người dùng.");
      return toInvitation(ctx.config, after, now);
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/invitations/:code/accept",
      tag: TAG,
      summary: "Nhận lời mời: người đang đăng nhập trở thành đầu mối của đơn vị được mời",
      params: InvitationCodeParams,
      // the code grants the focal role: never in the request log
      secretParams: ["code"],
      response: MeSchema,
    },
    async ({ params, user, ctx }) => {
      const { db } = ctx.database;
      const code = normaliseCode(params.code);
      const now = ctx.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const inv = await trx
          .selectFrom("invitations")
          .innerJoin("units", "units.id", "invitations.unit_id")
          .select([
            "invitations.id",
            "invitations.role",
            "invitations.unit_id",
            "invitations.created_by",
            "invitations.expires_at",
            "invitations.used_at",
            "invitations.used_by",
            "units.name as unit_name",
          ])
          .where("invitations.code", "=", code)
          .executeTakeFirst();
        if (!inv) throw notFound("Mã mời không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.", "INVITATION_NOT_FOUND");
        if (inv.used_at) {
          if (inv.used_by === user!.id) return; // a second tap by the same person changes nothing
          throw conflict("INVITATION_USED", "Mã mời này đã được sử dụng. Vui lòng xin cán bộ phường một mã mới.");
        }
        if (inv.expires_at <= now) {
          throw new AppError(410, "INVITATION_EXPIRED", "Mã mời đã hết hạn. Vui lòng xin cán bộ phường một mã mới.");
        }
        if (user!.role === "staff") {
          throw conflict("STAFF_CANNOT_ACCEPT", "Tài khoản cán bộ phường không nhận lời mời đầu mối (sẽ mất quyền quản trị).");
        }
        // Single use even when two people accept at the same moment: only one update matches.
        const claimed = await trx
          .updateTable("invitations")
          .set({ used_by: user!.id, used_at: now })
          .where("id", "=", inv.id)
          .where("used_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          throw conflict("INVITATION_USED", "Mã mời này đã được sử dụng. Vui lòng xin cán bộ phường một mã mới.");
        }
        const me = await trx.selectFrom("users").select(["name", "username", "phone", "source"]).where("id", "=", user!.id).executeTakeFirstOrThrow();
        await trx
          .updateTable("users")
          .set({ role: inv.role, unit_id: inv.unit_id, ward_id: (await wardIdOfUnit(trx, inv.unit_id)) ?? null, updated_at: now, search_text: userSearchText(me) })
          .where("id", "=", user!.id)
          .execute();
        await enqueueNotifications(
          trx,
          [
            {
              userId: inv.created_by,
              kind: "invitation_accepted",
              title: "Lời mời đã được nhận",
              body: `${me.name} đã nhận lời mời (${ROLE_LABELS[inv.role]}) của ${inv.unit_name}.`,
              link: "/account/users",
              dedupeKey: `invitation:${inv.id}`,
              source: `invitation:${inv.id}`,
            },
          ],
          now,
        );
      });
      return loadMe(ctx, user!.id);
    },
  );
}
