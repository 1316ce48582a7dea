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

export const listUsers = async (params: { q?: string; role?: Role; unitId?: number; cursor?: string | null }) =>
  (
    await api.get<UserPage>("/api/users", {
      params: { q: params.q || undefined, role: params.role, unitId: params.unitId, cursor: params.cursor ?? undefined },
    })
  ).data;

export const updateUser = async (id: number, body: UpdateUser) => (await api.patch<User>(`/api/users/${id}`, body)).data;

/** Units a person can belong to (the ward itself is the root, not a unit to report for). */
export const listUnits = async () => (await api.get<Unit[]>("/api/units")).data.filter((u) => u.kind !== "ward");
