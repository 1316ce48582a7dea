/** The account feature's calls to the identity API (types from the contract). */
import type {
  CreateInvitation,
  Invitation,
  InvitationPage,
  InvitationPreview,
  InvitationStatus,
  Me,
  Role,
  UpdateMe,
  UpdateUser,
  User,
  UserPage,
} from "@contract/identity";
import type { Unit } from "@contract/catalog";
import type { Ward, WardJoin } from "@contract/wards";
import { api } from "../../lib/api-client";

export const updateMe = async (body: UpdateMe) => (await api.patch<Me>("/api/me", body)).data;

export const sharePhone = async (token: string, accessToken: string) =>
  (await api.post<Me>("/api/me/phone", { token, accessToken })).data;

export const previewInvitation = async (code: string) =>
  (await api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(code)}`)).data;

export const acceptInvitation = async (code: string) =>
  (await api.post<Me>(`/api/invitations/${encodeURIComponent(code)}/accept`)).data;

export const createInvitation = async (body: CreateInvitation) => (await api.post<Invitation>("/api/invitations", body)).data;

export const revokeInvitation = async (code: string) =>
  (await api.delete<Invitation>(`/api/invitations/${encodeURIComponent(code)}`)).data;

export const listInvitations = async (params: { status?: InvitationStatus; cursor?: string | null }) =>
  (await api.get<InvitationPage>("/api/invitations", { params: { status: params.status, cursor: params.cursor ?? undefined } })).data;

export const listUsers = async (params: { q?: string; role?: Role; unitId?: number; wardId?: number; cursor?: string | null }) =>
  (
    await api.get<UserPage>("/api/users", {
      params: { q: params.q || undefined, role: params.role, unitId: params.unitId, wardId: params.wardId, cursor: params.cursor ?? undefined },
    })
  ).data;

export const updateUser = async (id: number, body: UpdateUser) => (await api.patch<User>(`/api/users/${id}`, body)).data;

/** The city's unit tree (the city, its wards, their units). */
export const listUnits = async () => (await api.get<Unit[]>("/api/units")).data;

/** The city's wards (anyone may list them). */
export const listWards = async () => (await api.get<Ward[]>("/api/wards")).data;

/** The link and QR code that put a youth in this ward. */
export const wardJoin = async (wardId: number) => (await api.get<WardJoin>(`/api/wards/${wardId}/join`)).data;
