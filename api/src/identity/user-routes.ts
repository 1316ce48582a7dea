import { wardIdOfUnit } from "../wards/queries.js";
import { sql } from "kysely";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import { UpdateUserSchema, UserListQuery, UserPageSchema, UserSchema } from "../contract/identity.js";
import { badRequest, conflict, forbidden, notFound } from "../lib/errors.js";
import { cityReadOnly, isCityStaff, wardToRead } from "../wards/scope.js";
import { escapeLike, foldVietnamese } from "../lib/text.js";
import { likeOp } from "../db/dialect.js";
import { requireUnit, selectUsers, toUser } from "./users.js";
import { fillMissingSearchText } from "./search-text.js";
import { clearFailures } from "./lockout.js";

const TAG = "Danh tính";

export function registerUserAdminRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/users",
      tag: TAG,
      summary: "Cán bộ xem danh sách người dùng của phường (cán bộ thành phố: mọi phường, hoặc một phường với wardId; tìm theo tên không dấu, lọc theo vai trò, đơn vị; phân trang)",
      query: UserListQuery,
      response: UserPageSchema,
    },
    async ({ query, user, ctx }) => {
      const { db, dialect } = ctx.database;
      let q = selectUsers(db).orderBy("users.id", "desc").limit(query.limit + 1);
      // a ward's staff see their ward's accounts; city staff every account, or one ward's
      const ward = await wardToRead(db, user, query.wardId);
      if (ward !== "all") q = q.where("users.ward_id", "=", ward);
      if (query.cursor) q = q.where("users.id", "<", query.cursor);
      if (query.role) q = q.where("users.role", "=", query.role);
      if (query.unitId) q = q.where("users.unit_id", "=", query.unitId);
      const folded = query.q ? foldVietnamese(query.q) : "";
      if (folded) {
        await fillMissingSearchText(db);
        const pattern = `%${escapeLike(folded)}%`;
        q = q.where(sql<boolean>`${sql.ref("users.search_text")} ${sql.raw(likeOp(dialect))} ${pattern} escape '\\'`);
      }
      const rows = await q.execute();
      const page = rows.slice(0, query.limit);
      const now = ctx.clock.now().toISOString();
      return { items: page.map((row) => toUser(row, now)), nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null };
    },
  );

  r.add(
    {
      method: "patch",
      path: "/api/users/:id",
      tag: TAG,
      summary: "Cán bộ phường đổi vai trò, đơn vị, khóa/mở khóa một tài khoản của phường (khóa thì thu hồi mọi phiên) hoặc bỏ tạm khóa do sai mật khẩu; cán bộ thành phố với tài khoản cán bộ thành phố",
      params: IdParams,
      body: UpdateUserSchema,
      response: UserSchema,
    },
    async ({ params, body, user, ctx }) => {
      const { db } = ctx.database;
      const me = user!;
      const userNotFound = () => notFound("Không tìm thấy người dùng.", "USER_NOT_FOUND");
      const target = await db.selectFrom("users").select(["id", "role", "unit_id", "ward_id", "disabled"]).where("id", "=", params.id).executeTakeFirst();
      if (!target) throw userNotFound();
      // Tenancy: a ward's staff manage their ward's accounts (another ward's is not theirs to know
      // about); city staff see every account but manage only the city's own.
      if (isCityStaff(me)) {
        if (target.role !== "city_staff") throw cityReadOnly();
        if ((body.role !== undefined && body.role !== "city_staff") || (body.unitId !== undefined && body.unitId !== null)) {
          throw forbidden("Tài khoản cán bộ thành phố không chuyển sang vai trò của phường, xã; hãy mời người đó bằng lời mời của phường.", "ROLE_NOT_ALLOWED");
        }
      } else {
        if (target.ward_id !== me.wardId) throw userNotFound();
        if (body.role === "city_staff") throw forbidden("Chỉ Sở Nội vụ mời được cán bộ thành phố.", "ROLE_NOT_ALLOWED");
      }
      if (target.id === me.id) {
        if (body.disabled === true) throw conflict("CANNOT_DISABLE_SELF", "Bạn không thể tự khóa tài khoản của mình.");
        if (body.role !== undefined && body.role !== me.role) {
          throw conflict("CANNOT_CHANGE_OWN_ROLE", "Bạn không thể tự đổi vai trò của mình (nhờ một cán bộ khác).");
        }
      }
      const role = body.role ?? target.role;
      const unitId = body.unitId !== undefined ? body.unitId : target.unit_id;
      if (unitId !== null && body.unitId !== undefined) {
        const unit = await requireUnit(db, unitId);
        // only a unit of the account's own ward (another ward's reads as unknown)
        if ((await wardIdOfUnit(db, unit.id)) !== target.ward_id) throw badRequest("UNKNOWN_UNIT", "Đơn vị không tồn tại.");
      }
      if (role === "focal" && unitId === null) throw badRequest("UNIT_REQUIRED", "Đầu mối phải thuộc một đơn vị: vui lòng chọn đơn vị.");
      const disabled = body.disabled ?? !!target.disabled;
      const now = ctx.clock.now().toISOString();
      // the account stays in its ward (a unit of it, or none); city staff belong to none
      const wardId = role === "city_staff" ? null : target.ward_id;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({
            role,
            unit_id: unitId,
            ward_id: wardId,
            disabled: disabled ? 1 : 0,
            updated_at: now,
          })
          .where("id", "=", target.id)
          .execute();
        // a colleague lifts every lock-out after wrong passwords at once (each would end by itself)
        if (body.unlock) await clearFailures(trx, target.id);
        // A disabled account is signed out everywhere at once.
        if (disabled && !target.disabled) {
          await trx.updateTable("sessions").set({ revoked_at: now }).where("user_id", "=", target.id).where("revoked_at", "is", null).execute();
        }
      });
      return toUser(await selectUsers(db).where("users.id", "=", target.id).executeTakeFirstOrThrow(), now);
    },
  );
}

