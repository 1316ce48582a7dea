import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import { NewWardResultSchema, NewWardSchema, WardJoinSchema, WardSchema } from "../contract/wards.js";
import { notFound } from "../lib/errors.js";
import { qrDataUrl } from "../identity/invitations.js";
import { createWard } from "./create.js";
import { toWard } from "./names.js";
import { listWardRows } from "./queries.js";

const TAG = "Phường, xã";

export function registerWardRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/wards",
      tag: TAG,
      summary: "Các phường, xã, đặc khu của thành phố (để thanh niên chọn phường của mình)",
      response: z.array(WardSchema),
    },
    async ({ ctx }) => (await listWardRows(ctx.database.db)).map((w) => toWard(ctx.config, w)),
  );

  r.add(
    {
      method: "post",
      path: "/api/wards",
      tag: TAG,
      summary:
        "Cán bộ thành phố thêm một phường, xã: các đơn vị theo mẫu chuẩn hoặc từ tệp CSV (lỗi ở một dòng thì không nhập gì), kèm lời mời cán bộ phường đầu tiên",
      body: NewWardSchema,
      response: NewWardResultSchema,
      status: 201,
    },
    ({ ctx, body, user }) => createWard(ctx, body, user!.id),
  );

  r.add(
    {
      method: "get",
      path: "/api/wards/:id/join",
      tag: TAG,
      summary: "Đường dẫn và mã QR để thanh niên tham gia phường (in trên áp phích, gửi trong nhóm Zalo)",
      params: IdParams,
      response: WardJoinSchema,
    },
    async ({ ctx, params, user }) => {
      // a ward's staff print their own ward's code; city staff any ward's
      const mine = user?.role === "city_staff" || user?.wardId === params.id;
      const row = mine ? (await listWardRows(ctx.database.db)).find((w) => w.id === params.id) : undefined;
      if (!row) throw notFound("Không tìm thấy phường, xã.", "WARD_NOT_FOUND");
      const ward = toWard(ctx.config, row);
      return { ward, link: ward.joinLink, qrDataUrl: await qrDataUrl(ward.joinLink) };
    },
  );
}
