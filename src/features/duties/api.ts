import type { DutyCalendar, DutyDetail, DutyRemindResult, HandIn, NewDuty } from "@contract/duties";
import type { FileMeta } from "@contract/files";
import type { Unit } from "@contract/catalog";
import { api } from "../../lib/api-client";

const unitUrl = (id: number, unitId: number) => `/api/duties/${id}/units/${unitId}`;

export const dutiesApi = {
  calendar: (year?: number) => api.get<DutyCalendar>("/api/duties", { params: year ? { year } : {} }).then((r) => r.data),
  get: (id: number) => api.get<DutyDetail>(`/api/duties/${id}`).then((r) => r.data),
  create: (body: NewDuty) => api.post<DutyDetail>("/api/duties", body).then((r) => r.data),
  handIn: (id: number, unitId: number, body: HandIn) => api.post<DutyDetail>(`${unitUrl(id, unitId)}/hand-in`, body).then((r) => r.data),
  accept: (id: number, unitId: number) => api.post<DutyDetail>(`${unitUrl(id, unitId)}/accept`).then((r) => r.data),
  returnIt: (id: number, unitId: number, reason: string) => api.post<DutyDetail>(`${unitUrl(id, unitId)}/return`, { reason }).then((r) => r.data),
  remind: (id: number, unitIds?: number[]) => api.post<DutyRemindResult>(`/api/duties/${id}/remind`, unitIds ? { unitIds } : {}).then((r) => r.data),
  units: () => api.get<Unit[]>("/api/units").then((r) => r.data),
  upload: (file: File) => {
    const fd = new FormData();
    fd.append("file", file);
    return api.post<FileMeta>("/api/files", fd).then((r) => r.data);
  },
};
