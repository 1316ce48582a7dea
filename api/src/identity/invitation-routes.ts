import type { RouteBuilder } from "../http/route.js";
import type { AuthUser } from "../http/context.js";
import {
  CreateInvitationSchema,
  InvitationCodeParams,
  InvitationListQuery,
  InvitationPageSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MeSchema,
  type InvitableRole,
} from "../contract/identity.js";
import { ROLE_LABELS } from "../contract/identity-labels.js";
import { AppError, badRequest, conflict, forbidden, notFound } from "../lib/errors.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { cityReadOnly, isCityStaff, wardToRead } from "../wards/scope.js";
import { loadMe } from "./users.js";
import { issueInvitation, normaliseCode, selectInvitations, toInvitation, type InvitationRow } from "./invitations.js";
import { userSearchText } from "./search-text.js";

const TAG = "Danh tính";

const invitationNotFound = () => notFound("Mã mời không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.", "INVITATION_NOT_FOUND");

/** Who invites whom: a ward's staff its units' focal points and observer, city staff wards' staff and their colleagues. */
const INVITES: Record<"staff" | "city_staff", InvitableRole[]> = {
  staff: ["focal", "observer"],
  city_staff: ["staff", "city_staff"],
};

function refuseRole(user: AuthUser, role: InvitableRole): never {
  throw forbidden(
    isCityStaff(user)
      ? `Cán bộ thành phố mời cán bộ phường, xã hoặc cán bộ thành phố; lời mời ${ROLE_LABELS[role].toLowerCase()} do cán bộ phường, xã tạo.`
      : `Cán bộ phường mời đầu mối đơn vị và giám sát; lời mời ${ROLE_LABELS[role].toLowerCase()} do Sở Nội vụ tạo.`,
    "ROLE_NOT_INVITABLE",
  );
}

/**
 * The invitations a caller manages: ward staff those of their ward's units for the roles they invite;
 * city staff those they issue (staff, city staff). Anything else of their ward they may see but not
 * change; another ward's answers 404.
 */
function assertManages(user: AuthUser, row: InvitationRow): void {
  const role = row.role as InvitableRole;
  if (isCityStaff(user)) {
    if (!INVITES.city_staff.includes(role)) throw cityReadOnly();
    return;
  }
  if (row.ward_id !== user.wardId) throw invitationNotFound();
  if (!INVITES.staff.includes(role)) throw forbidden("Lời mời này do Sở Nội vụ tạo: cán bộ phường không thu hồi được.", "INVITATION_FORBIDDEN");
}

export function registerInvitationRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/invitations",
      tag: TAG,
      summary:
        "Tạo lời mời (mã dùng một lần, đường dẫn mini app và mã QR): cán bộ phường mời đầu mối, giám sát của đơn vị trong phường; cán bộ thành phố mời cán bộ phường, xã hoặc cán bộ thành phố",
      body: CreateInvitationSchema,
      response: InvitationSchema,
      status: 201,
    },
    async ({ body, user, ctx }) => {
      const { db } = ctx.database;
      const me = user!;
      const inviter = isCityStaff(me) ? "city_staff" : "staff";
      if (!INVITES[inviter].includes(body.role)) refuseRole(me, body.role);
      const unit = await db.selectFrom("units").select(["id", "kind", "ward_id"]).where("id", "=", body.unitId).executeTakeFirst();
      // another ward's unit reads as unknown, like a missing one
      const unknownUnit = () => badRequest("UNKNOWN_UNIT", "Đơn vị không tồn tại.");
      if (!unit) throw unknownUnit();
      if (inviter === "staff" && unit.ward_id !== me.wardId) throw unknownUnit();
      if (body.role === "city_staff" && unit.kind !== "city") {
        throw badRequest("CITY_UNIT_REQUIRED", "Lời mời cán bộ thành phố phải chọn đơn vị là Thành phố.");
      }
      if (body.role === "staff" && unit.ward_id === null) throw badRequest("WARD_UNIT_REQUIRED", "Lời mời cán bộ phường phải chọn một đơn vị thuộc phường, xã.");
      const now = ctx.clock.now();
      const id = await issueInvitation(db, {
        unitId: unit.id,
        role: body.role,
        createdBy: me.id,
        now,
        days: body.expiresInDays ?? ctx.config.identity.invitationTtlDays,
      });
      const row = await selectInvitations(db).where("invitations.id", "=", id).executeTakeFirstOrThrow();
      return toInvitation(ctx.config, row, now.toISOString());
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/invitations",
      tag: TAG,
      summary: "Danh sách lời mời của phường (cán bộ thành phố: mọi phường, hoặc một phường với wardId), mới nhất trước, với trạng thái còn hiệu lực, đã dùng, hết hạn",
      query: InvitationListQuery,
      response: InvitationPageSchema,
    },
    async ({ query, user, ctx }) => {
      const { db } = ctx.database;
      const now = ctx.clock.now().toISOString();
      const ward = await wardToRead(db, user, query.wardId);
      let q = selectInvitations(db).orderBy("invitations.id", "desc").limit(query.limit + 1);
      if (ward !== "all") q = q.where("units.ward_id", "=", ward);
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
      summary: "Xem một lời mời trước khi nhận (đơn vị, phường, vai trò, trạng thái): ai có mã đều xem được",
      params: InvitationCodeParams,
      // the code grants a role: never in the request log
      secretParams: ["code"],
      response: InvitationPreviewSchema,
    },
    async ({ params, ctx }) => {
      const now = ctx.clock.now().toISOString();
      const row = await selectInvitations(ctx.database.db).where("invitations.code", "=", normaliseCode(params.code)).executeTakeFirst();
      if (!row) throw invitationNotFound();
      const { code, role, unit, ward, status, expiresAt } = await toInvitation(ctx.config, row, now, false);
      return { code, role, unit, ward, status, expiresAt };
    },
  );

  r.add(
    {
      method: "delete",
      path: "/api/invitations/:code",
      tag: TAG,
      summary: "Thu hồi một lời mời chưa dùng (mã và mã QR hết hiệu lực ngay): cán bộ phường các lời mời của phường mình, cán bộ thành phố các lời mời cán bộ",
      params: InvitationCodeParams,
      // the code grants a role: never in the request log
      secretParams: ["code"],
      response: InvitationSchema,
    },
    async ({ params, user, ctx }) => {
      const { db } = ctx.database;
      const now = ctx.clock.now().toISOString();
      const row = await selectInvitations(db).where("invitations.code", "=", normaliseCode(params.code)).executeTakeFirst();
      if (!row) throw invitationNotFound();
      assertManages(user!, row);
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
      summary: "Nhận lời mời: người đang đăng nhập nhận vai trò được mời ở đơn vị và phường của lời mời",
      params: InvitationCodeParams,
      // the code grants a role: never in the request log
      secretParams: ["code"],
      response: MeSchema,
    },
    async ({ params, user, ctx }) => {
      const { db } = ctx.database;
      const code = normaliseCode(params.code);
      const now = ctx.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const inv = await selectInvitations(trx).select("invitations.created_by").where("invitations.code", "=", code).executeTakeFirst();
        if (!inv) throw invitationNotFound();
        if (inv.used_at) {
          const used = await trx.selectFrom("invitations").select("used_by").where("id", "=", inv.id).executeTakeFirstOrThrow();
          if (used.used_by === user!.id) return; // a second tap by the same person changes nothing
          throw conflict("INVITATION_USED", "Mã mời này đã được sử dụng. Vui lòng xin cán bộ phường một mã mới.");
        }
        if (inv.expires_at <= now) {
          throw new AppError(410, "INVITATION_EXPIRED", "Mã mời đã hết hạn. Vui lòng xin cán bộ phường một mã mới.");
        }
        if (user!.role === "staff" || user!.role === "city_staff") {
          // the account would lose the rights it manages with; the invited person opens it with their own
          throw conflict("STAFF_CANNOT_ACCEPT", "Tài khoản cán bộ không nhận lời mời (sẽ mất quyền đang có). Hãy mở đường dẫn bằng tài khoản Zalo của người được mời.");
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
        // the invitation decides the ward too: its unit's (none for city staff, who belong to no unit)
        const city = inv.role === "city_staff";
        await trx
          .updateTable("users")
          .set({
            role: inv.role as InvitableRole,
            unit_id: city ? null : inv.unit_id,
            ward_id: city ? null : inv.ward_id,
            ward_chosen_at: now,
            updated_at: now,
            search_text: userSearchText(me),
          })
          .where("id", "=", user!.id)
          .execute();
        await enqueueNotifications(
          trx,
          [
            {
              userId: inv.created_by,
              kind: "invitation_accepted",
              title: "Lời mời đã được nhận",
              body: `${me.name} đã nhận lời mời (${ROLE_LABELS[inv.role as InvitableRole]}) của ${inv.unit_name}.`,
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
