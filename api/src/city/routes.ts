import fs from "node:fs/promises";
import type { RouteBuilder } from "../http/route.js";
import {
  CityCompletenessSchema,
  CityDeadlineBodySchema,
  CityDeadlineSchema,
  CityExportQuery,
  CityRemindResultSchema,
  CityRemindSchema,
  CitySummarySchema,
  ReturnSnapshotSchema,
  SendSnapshotSchema,
  SnapshotDetailSchema,
  SnapshotListQuery,
  SnapshotListSchema,
  SnapshotParams,
  SnapshotSchema,
  WardParams,
  YearParams,
  YearQuery,
} from "../contract/city.js";
import { notFound } from "../lib/errors.js";
import { vnInstant } from "../lib/time.js";
import type { AppContext } from "../http/context.js";
import { findFile } from "../files/store.js";
import { DOCX_MIME, XLSX_MIME, sendFile, sendJson } from "../exports/download.js";
import { cityCompleteness, remindWards } from "./completeness.js";
import { defaultCityYear, setCityDeadline } from "./deadlines.js";
import { runExport } from "../workers/run.js";
import { getSnapshot, listSnapshots, sendSnapshot, snapshotFile } from "./snapshots.js";
import { acceptSnapshot, returnSnapshot } from "./decide.js";

const TAG = "Báo cáo gửi thành phố";

/**
 * The report sent upward and the city's view. Ward data is reached with the ward in the path
 * (`/api/city/wards/:wardId/…`) or through a snapshot id: ward staff and observers only their own
 * ward (another ward answers 404), city staff every ward.
 */
export function registerCityRoutes(r: RouteBuilder): void {
  const yearOf = (ctx: AppContext, year: number | undefined) => year ?? defaultCityYear(ctx.clock.now());

  r.add(
    {
      method: "get",
      path: "/api/city/completeness",
      tag: TAG,
      summary:
        "Tình hình các phường, xã, đặc khu gửi báo cáo năm lên thành phố: chưa gửi, đã gửi (chờ tiếp nhận), đã tiếp nhận, bị trả lại; đúng hạn hay muộn so với hạn của thành phố (mặc định 15/12 của năm). Không có `year`: năm có hạn gần nhất.",
      query: YearQuery,
      response: CityCompletenessSchema,
    },
    ({ ctx, query }) => cityCompleteness(ctx, yearOf(ctx, query.year)),
  );

  r.add(
    {
      method: "put",
      path: "/api/city/deadlines/:year",
      tag: TAG,
      summary: "Đặt hạn thành phố nhận báo cáo của các phường cho một năm (ngày cuối, đến 23:59:59 giờ Việt Nam)",
      params: YearParams,
      body: CityDeadlineBodySchema,
      response: CityDeadlineSchema,
    },
    ({ ctx, params, body, user }) => {
      const [y, m, d] = body.date.split("-").map(Number);
      const deadlineAt = vnInstant(y, m, d, 23, 59, 59);
      return setCityDeadline(ctx.database.db, params.year, deadlineAt, user!.id, ctx.clock.now().toISOString());
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/city/remind",
      tag: TAG,
      summary: "Nhắc cán bộ các phường chưa gửi (hoặc bị trả lại chưa gửi lại) báo cáo năm; mỗi phường một lần mỗi ngày",
      body: CityRemindSchema,
      response: CityRemindResultSchema,
    },
    ({ ctx, body }) => remindWards(ctx, yearOf(ctx, body.year), body.wardIds),
  );

  r.add(
    {
      method: "get",
      path: "/api/city/summary",
      tag: TAG,
      summary:
        "Số liệu toàn thành phố của một năm từ báo cáo đã tiếp nhận của các phường: các phường chia nhau địa bàn nên số thành phố cộng số các phường (tỷ lệ: cộng tử số, mẫu số; số người, số lần: cộng số); các phường cạnh nhau; lộ trình đến 2030",
      query: YearQuery,
      response: CitySummarySchema,
    },
    async ({ ctx, query, res }) => sendJson(res, await runExport(ctx, "citySummary", { year: yearOf(ctx, query.year) }, res)),
  );

  r.add(
    {
      method: "get",
      path: "/api/city/export.xlsx",
      tag: TAG,
      summary: "Tệp Excel của thành phố: chỉ tiêu toàn thành phố, số liệu theo từng phường, lộ trình đến 2030, tình hình gửi báo cáo",
      query: YearQuery,
      produces: XLSX_MIME,
    },
    async ({ ctx, query, res }) => {
      const file = await runExport(ctx, "cityXlsx", { year: yearOf(ctx, query.year) }, res);
      sendFile(res, file.bytes, XLSX_MIME, file.name);
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/city/export.docx",
      tag: TAG,
      summary: "Báo cáo tổng hợp của Sở Nội vụ (tệp Word) theo thể thức Nghị định 30/2020/NĐ-CP",
      query: CityExportQuery,
      produces: DOCX_MIME,
    },
    async ({ ctx, query, res }) => {
      const file = await runExport(ctx, "cityDocx", { year: yearOf(ctx, query.year), signer: query.signer ?? "" }, res);
      sendFile(res, file.bytes, DOCX_MIME, file.name);
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/city/wards/:wardId/snapshots",
      tag: TAG,
      summary: "Các phiên bản báo cáo một phường đã gửi lên thành phố (mới nhất trước), với trả lời của thành phố; `periodId` cho biết phường có gửi được phiên bản mới không",
      params: WardParams,
      query: SnapshotListQuery,
      response: SnapshotListSchema,
    },
    ({ ctx, params, query, user }) => listSnapshots(ctx, user!, params.wardId, query),
  );

  r.add(
    {
      method: "post",
      path: "/api/city/wards/:wardId/snapshots",
      tag: TAG,
      summary:
        "Cán bộ phường gửi báo cáo năm của phường lên thành phố: bản chụp cố định (số liệu toàn phường theo cách tổng hợp đang áp dụng, tệp Word và Excel lúc gửi) với số phiên bản; hai lần gửi cùng lúc chỉ tạo một phiên bản (409 SNAPSHOT_SEND_CONFLICT)",
      params: WardParams,
      body: SendSnapshotSchema,
      response: SnapshotSchema,
      status: 201,
    },
    ({ ctx, params, body, user }) => sendSnapshot(ctx, user!, params.wardId, body),
  );

  r.add(
    { method: "get", path: "/api/city/snapshots/:id", tag: TAG, summary: "Một phiên bản đã gửi, với số liệu tổng hợp như lúc gửi", params: SnapshotParams, response: SnapshotDetailSchema },
    ({ ctx, params, user }) => getSnapshot(ctx, user!, params.id),
  );

  for (const kind of ["docx", "xlsx"] as const) {
    r.add(
      {
        method: "get",
        path: `/api/city/snapshots/:id/report.${kind}`,
        tag: TAG,
        summary: kind === "docx" ? "Tệp Word của phiên bản, đúng như lúc gửi" : "Tệp Excel của phiên bản, đúng như lúc gửi",
        params: SnapshotParams,
        produces: kind === "docx" ? DOCX_MIME : XLSX_MIME,
      },
      async ({ ctx, params, user, res }) => {
        const { fileId, mime } = await snapshotFile(ctx, user!, params.id, kind);
        const file = await findFile(ctx, fileId);
        const bytes = file ? await fs.readFile(file.absPath).catch(() => null) : null;
        if (!file || !bytes) throw notFound("Không tìm thấy tệp của phiên bản này trên máy chủ.", "SNAPSHOT_FILE_MISSING");
        sendFile(res, bytes, mime, file.name);
      },
    );
  }

  r.add(
    { method: "post", path: "/api/city/snapshots/:id/accept", tag: TAG, summary: "Sở Nội vụ tiếp nhận phiên bản mới nhất: số liệu được tính vào số liệu toàn thành phố", params: SnapshotParams, response: SnapshotDetailSchema },
    ({ ctx, params, user }) => acceptSnapshot(ctx, user!, params.id),
  );

  r.add(
    {
      method: "post",
      path: "/api/city/snapshots/:id/return",
      tag: TAG,
      summary: "Sở Nội vụ trả lại phiên bản mới nhất với lý do bắt buộc (RETURN_REASON_REQUIRED khi thiếu); phường sửa và gửi phiên bản mới",
      params: SnapshotParams,
      body: ReturnSnapshotSchema,
      response: SnapshotDetailSchema,
    },
    ({ ctx, params, body, user }) => returnSnapshot(ctx, user!, params.id, body.reason),
  );
}
