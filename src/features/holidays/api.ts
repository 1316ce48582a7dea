import type { Holiday, HolidayCreate } from "@contract/holidays";
import { api } from "../../lib/api-client";

export const holidaysApi = {
  list: (year: number) => api.get<Holiday[]>("/api/holidays", { params: { year } }).then((r) => r.data),
  add: (body: HolidayCreate) => api.post<Holiday>("/api/holidays", body).then((r) => r.data),
  remove: (date: string) => api.delete(`/api/holidays/${date}`).then(() => undefined),
};
