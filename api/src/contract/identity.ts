import { z } from "zod";
import { DbId, NameText } from "./common.js";
import { cleanName } from "./text.js";

/** city_staff: the city's Department of Home Affairs (Sở Nội vụ), above every ward; every other role belongs to one ward. */
export const RoleSchema = z.enum(["youth", "focal", "staff", "observer", "city_staff"]).meta({ id: "Role" });
export type Role = z.infer<typeof RoleSchema>;

export const UserUnitSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
/** The ward (commune-level unit) a person belongs to; null for city staff. */
export const UserWardSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

/** Who a person is, as both the person themself (Me) and staff (User) see them. */
const PersonSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  role: RoleSchema,
  unit: UserUnitSchema.nullable(),
  ward: UserWardSchema.nullable(),
  consented: z.boolean(),
});

export const MeSchema = PersonSchema.extend({
  hasPhone: z.boolean(),
  /**
   * false while a youth's ward is only the default one (a new Zalo account opened without a ward's
   * link or an invitation): the app asks them to choose; true once chosen, and for every other role
   */
  wardChosen: z.boolean(),
}).meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

export const SessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: MeSchema }).meta({ id: "Session" });
export type Session = z.infer<typeof SessionSchema>;

/** A person's display name as stored: one line, single spaces, no control or bidi characters. */
export const cleanPersonName = cleanName;

export const PersonNameSchema = NameText(1, 100);

export const DevSignInSchema = z.object({
  role: RoleSchema,
  unitId: z.number().int().positive().optional(),
  /** the ward of a youth, staff or observer account (default: the first ward); a focal point's is its unit's */
  wardId: z.number().int().positive().optional(),
  name: PersonNameSchema.optional(),
});
export type DevSignIn = z.infer<typeof DevSignInSchema>;

// ---- Zalo sign-in, consent, phone ----

export const ZaloSignInSchema = z.object({
  accessToken: z.string().trim().min(1).max(2048),
});
export type ZaloSignIn = z.infer<typeof ZaloSignInSchema>;

/**
 * The user's answer to "may we use your Zalo name and avatar?". With consent the mini app sends its
 * Zalo access token and the server takes the name and avatar from Zalo itself: a Zalo account's name
 * is always the one Zalo gave, never typed (staff must not see "Cán bộ phường" on a stranger).
 * Without consent the account keeps a neutral name. `name`/`avatarUrl` are for accounts not from
 * Zalo (dev). `phone: null` forgets a shared phone number.
 */
export const UpdateMeSchema = z
  .strictObject({
    consent: z.boolean().optional(),
    /** the mini app's Zalo access token (getAccessToken()), with consent: the profile is read from Zalo */
    accessToken: z.string().trim().min(1).max(2048).optional(),
    name: PersonNameSchema.optional(),
    avatarUrl: z.url({ protocol: /^https?$/ }).max(1000).nullable().optional(),
    phone: z.null().optional(),
    /** a youth's own ward (chosen at first sign-in, from a ward's QR link, or changed later) */
    wardId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .meta({ id: "UpdateMe" });
export type UpdateMe = z.infer<typeof UpdateMeSchema>;

export const SharePhoneSchema = z.object({
  /** the one-time token from getPhoneNumber() (valid about 2 minutes) */
  token: z.string().trim().min(1).max(2048),
  /** the user's Zalo access token (getAccessToken()), required by Zalo to exchange it */
  accessToken: z.string().trim().min(1).max(2048),
});
export type SharePhone = z.infer<typeof SharePhoneSchema>;

// ---- Staff password sign-in ----

export const PasswordSignInSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type PasswordSignIn = z.infer<typeof PasswordSignInSchema>;

// ---- Invitations ----

/**
 * Ward staff invite a unit's focal point or the Front's observer; city staff invite a ward's staff
 * (the first staff of a new ward, or a replacement) and their own colleagues (city_staff, unit = the city).
 */
export const InvitableRoleSchema = z.enum(["focal", "observer", "staff", "city_staff"]);
export type InvitableRole = z.infer<typeof InvitableRoleSchema>;

export const CreateInvitationSchema = z.strictObject({
  unitId: z.number().int().positive(),
  role: InvitableRoleSchema.default("focal"),
  /** validity in days; the server default (7) when absent */
  expiresInDays: z.number().int().min(1).max(90).optional(),
});
export type CreateInvitation = z.input<typeof CreateInvitationSchema>;

export const InvitationStatusSchema = z.enum(["active", "used", "expired"]);
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

export const InvitationSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    /** the mini app deep link https://zalo.me/s/<APP_ID>/?invite=<code> */
    link: z.string(),
    role: InvitableRoleSchema,
    unit: UserUnitSchema,
    /** the ward the invitation is for (null: a city staff invitation) */
    ward: UserWardSchema.nullable(),
    status: InvitationStatusSchema,
    createdAt: z.string(),
    expiresAt: z.string(),
    createdBy: z.string(),
    usedBy: z.string().nullable(),
    usedAt: z.string().nullable(),
    /** PNG data URL of a QR code of `link` (only while the invitation is active) */
    qrDataUrl: z.string().nullable(),
  })
  .meta({ id: "Invitation" });
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationListQuery = z.object({
  status: InvitationStatusSchema.optional(),
  /** city staff: one ward's invitations (ward staff always see their own ward's) */
  wardId: DbId.optional(),
  cursor: DbId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const InvitationPageSchema = z
  .object({ items: z.array(InvitationSchema), nextCursor: z.string().nullable() })
  .meta({ id: "InvitationPage" });
export type InvitationPage = z.infer<typeof InvitationPageSchema>;

/** What a person opening an invitation link sees before accepting it. */
export const InvitationPreviewSchema = InvitationSchema.pick({ code: true, role: true, unit: true, ward: true, status: true, expiresAt: true }).meta({
  id: "InvitationPreview",
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

/** Any non-empty code is looked up, so a mistyped short code reads as "not found", not as a form error. */
export const InvitationCodeParams = z.object({ code: z.string().trim().min(1).max(64) });

// ---- Users admin ----

export const UserSchema = PersonSchema.extend({
  disabled: z.boolean(),
  /** how the account signs in: zalo, password or dev */
  source: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  /** until when password sign-in is paused after repeated wrong passwords (null: not paused) */
  lockedUntil: z.string().nullable(),
}).meta({ id: "User" });
export type User = z.infer<typeof UserSchema>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** city staff: one ward's accounts (ward staff always see their own ward's) */
  wardId: DbId.optional(),
  role: RoleSchema.optional(),
  unitId: DbId.optional(),
  cursor: DbId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const UserPageSchema = z.object({ items: z.array(UserSchema), nextCursor: z.string().nullable() }).meta({ id: "UserPage" });
export type UserPage = z.infer<typeof UserPageSchema>;

export const UpdateUserSchema = z
  .strictObject({
    role: RoleSchema.optional(),
    unitId: z.number().int().positive().nullable().optional(),
    disabled: z.boolean().optional(),
    /** true: lift a password lock-out now (after repeated wrong passwords) */
    unlock: z.literal(true).optional(),
  })
  .meta({ id: "UpdateUser" });
export type UpdateUser = z.infer<typeof UpdateUserSchema>;
