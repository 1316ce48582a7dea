/** The wards feature's calls (types from the contract). */
import type { NewWard, NewWardResult, Ward } from "@contract/wards";
import { api } from "../../lib/api-client";

export const listWards = async () => (await api.get<Ward[]>("/api/wards")).data;

export const createWard = async (body: NewWard) => (await api.post<NewWardResult>("/api/wards", body)).data;
