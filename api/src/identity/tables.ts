import type { Generated } from "kysely";
import type { Role } from "../contract/identity.js";

export interface UsersTable {
  id: Generated<number>;
  zalo_id: string | null;
  username: string | null;
  password_hash: string | null;
  name: string;
  avatar_url: string | null;
  phone: string | null;
  role: Role;
  unit_id: number | null;
  /** the ward (tenant) the user belongs to; null for city staff */
  ward_id: number | null;
  /** when the ward was settled (chosen, from a ward's link or an invitation); null: only the default ward so far */
  ward_chosen_at: string | null;
  /** 0/1 */
  disabled: number;
  /** when the user agreed to share name and avatar */
  consent_at: string | null;
  /** no longer used: lock-outs are per account and source, in login_failures */
  failed_logins: number;
  /** no longer used: see login_failures */
  locked_until: string | null;
  /** "dev" for dev sign-in accounts */
  source: string;
  /** folded name, username and phone for diacritic-free search (see search-text.ts) */
  search_text: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: Generated<number>;
  /** sha256 of the bearer token: the token itself is never stored */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface InvitationsTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  role: Role;
  created_by: number;
  created_at: string;
  expires_at: string;
  used_by: number | null;
  used_at: string | null;
}

/** Wrong passwords of one account from one source (address), and the lock-out they caused. */
export interface LoginFailuresTable {
  user_id: number;
  source: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface IdentityTables {
  login_failures: LoginFailuresTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
}
