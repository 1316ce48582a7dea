import { z } from "zod";

export const RoleSchema = z.enum(["youth", "focal", "staff", "observer"]).meta({ id: "Role" });
export type Role = z.infer<typeof RoleSchema>;

export const UserUnitSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const MeSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    role: RoleSchema,
    unit: UserUnitSchema.nullable(),
    hasPhone: z.boolean(),
    consented: z.boolean(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

export const SessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: MeSchema }).meta({ id: "Session" });
export type Session = z.infer<typeof SessionSchema>;

export const DevSignInSchema = z.object({
  role: RoleSchema,
  unitId: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
export type DevSignIn = z.infer<typeof DevSignInSchema>;
