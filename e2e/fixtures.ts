import type { APIRequestContext, Page } from "@playwright/test";

/** The app lives under ZMPRouter's production basename, as in Zalo. */
export const APP_BASE = "/zapps/thanh-nien-so";
export const appPath = (p = "/") => `${APP_BASE}${p}`;

export type Role = "youth" | "focal" | "staff" | "observer" | "city_staff";

/** The id of a unit by its code (e.g. "DOAN"). */
export async function unitIdByCode(request: APIRequestContext, code: string): Promise<number> {
  const units = (await (await request.get("/api/units")).json()) as { id: number; code: string }[];
  const u = units.find((x) => x.code === code);
  if (!u) throw new Error(`unknown unit ${code}`);
  return u.id;
}

/** Signs in through the dev sign-in API and returns the token. */
export async function devToken(request: APIRequestContext, role: Role, opts: { unitCode?: string; wardCode?: string; name?: string } = {}): Promise<string> {
  const unitId = opts.unitCode ? await unitIdByCode(request, opts.unitCode) : undefined;
  // a youth, staff or observer of another ward than the first one
  const wardId = opts.wardCode ? await unitIdByCode(request, opts.wardCode) : undefined;
  const res = await request.post("/api/auth/dev", { data: { role, unitId, wardId, name: opts.name } });
  if (!res.ok()) throw new Error(`dev sign-in failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).token as string;
}

/** Opens the app at `path` already signed in as `role` (the token is put where the app keeps it). */
export async function openAs(page: Page, role: Role, path = "/", opts: { unitCode?: string; wardCode?: string; name?: string } = {}): Promise<string> {
  const token = await devToken(page.request, role, opts);
  await page.goto(appPath("/account"));
  await page.evaluate((t) => localStorage.setItem("tns.token", t), token);
  await page.goto(appPath(path));
  return token;
}

export const authHeader = (token: string) => ({ Authorization: `Bearer ${token}` });
