/**
 * Who is using the app: the public configuration, the token and the signed-in user. Shared by
 * every feature (features read it; the account feature changes it).
 */
import { create } from "zustand";
import type { Me, Role, Session } from "@contract/identity";
import type { PublicConfig } from "@contract/common";
import { api, errorMessage, getToken, isNetworkError, setToken, setUnauthenticatedHandler, toApiError } from "./api-client";
import { zaloAccessToken } from "./zalo";

type Status = "loading" | "signed-in" | "anonymous";

const INVITE_KEY = "tns.invite";
const WARD_KEY = "tns.ward-link";
const CACHE_KEY = "tns.session-cache";

/** The last known user and config, so a phone that opens the app offline stays signed in. */
function readCache(): { me: Me | null; config: PublicConfig | null } {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? JSON.parse(raw) : { me: null, config: null };
  } catch {
    return { me: null, config: null };
  }
}

function writeCache(me: Me | null, config: PublicConfig | null): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ me, config }));
  } catch {
    /* storage full or private mode: only offline start-up is affected */
  }
}

interface SessionState {
  status: Status;
  me: Me | null;
  config: PublicConfig | null;
  /** Why the silent Zalo sign-in failed (Vietnamese), if it did. */
  signInError: string | null;
  /**
   * Why the app signed the person out by itself (session expired or ended, account disabled), in
   * Vietnamese; null after a deliberate sign-out or a new sign-in.
   */
  sessionNotice: string | null;
  /** An invitation code from the opening link (?invite=…), kept until it is accepted or dismissed. */
  pendingInvite: string | null;
  /** A ward's code from its QR link (?ward=…), kept until the youth's ward follows it or they decline. */
  pendingWard: string | null;
  /** Loads the public config and resumes (or silently starts, inside Zalo) a session. */
  init(): Promise<void>;
  /** Applies a session returned by any sign-in route. */
  acceptSession(session: Session): void;
  refreshMe(): Promise<void>;
  /** Replaces the signed-in user after a change that returned it (consent, phone, invitation). */
  applyMe(me: Me): void;
  devSignIn(role: Role, unitId?: number, name?: string, wardId?: number): Promise<void>;
  /** Staff sign-in with username and password (desktop browsers). */
  passwordSignIn(username: string, password: string): Promise<void>;
  /** Signs in with the Zalo access token (inside Zalo); returns false and sets signInError on failure. */
  zaloSignIn(): Promise<boolean>;
  clearInvite(): void;
  clearWardLink(): void;
  signOut(): Promise<void>;
}

function readStored(key = INVITE_KEY): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function storeCode(code: string | null, key = INVITE_KEY): void {
  try {
    if (code) sessionStorage.setItem(key, code);
    else sessionStorage.removeItem(key);
  } catch {
    /* private mode: kept in memory only */
  }
}

/**
 * An invitation link (https://zalo.me/s/<APP_ID>/?invite=CODE) opens the app at its root. The code
 * is taken from the address before the router starts, kept for this visit (sign-in may come first),
 * and the app opens on the Cá nhân tab where the invitation is confirmed.
 */
export function captureInviteFromLocation(): string | null {
  if (typeof window === "undefined") return null;
  const url = new URL(window.location.href);
  const code = url.searchParams.get("invite")?.trim();
  if (!code || !/^[A-Za-z0-9-]{1,64}$/.test(code)) return readStored();
  storeCode(code);
  url.searchParams.delete("invite");
  // Only the app's root is redirected (a deep link elsewhere keeps its screen).
  if (/^(\/zapps\/[^/]+)?\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/?$/, "/account");
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  return code;
}

/**
 * A ward's QR link (https://zalo.me/s/<APP_ID>/?ward=HB, on the ward's posters) opens the app on its
 * home screen; the code is kept for this visit, so that the youth's ward follows it once signed in.
 */
export function captureWardFromLocation(): string | null {
  if (typeof window === "undefined") return null;
  const url = new URL(window.location.href);
  const code = url.searchParams.get("ward")?.trim().toUpperCase();
  if (!code || !/^[A-Z0-9]{1,20}$/.test(code)) return readStored(WARD_KEY);
  storeCode(code, WARD_KEY);
  url.searchParams.delete("ward");
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  return code;
}

export const useSession = create<SessionState>((set, get) => ({
  status: "loading",
  me: null,
  config: null,
  signInError: null,
  sessionNotice: null,
  pendingInvite: captureInviteFromLocation(),
  pendingWard: captureWardFromLocation(),

  async init() {
    const cached = readCache();
    const config = await api
      .get<PublicConfig>("/api/config")
      .then((r) => r.data)
      .catch(() => cached.config);
    set({ config });
    if (getToken()) {
      try {
        const me = (await api.get<Me>("/api/me")).data;
        set({ me, status: "signed-in" });
        return;
      } catch (e) {
        // Offline is not signed out: keep the token and the last known user until the server answers.
        if (isNetworkError(e) && cached.me) {
          set({ me: cached.me, status: "signed-in" });
          return;
        }
        setToken(null);
        // The server's own words: expired, ended, or the account was disabled.
        const err = toApiError(e);
        if (err.status === 401) set({ sessionNotice: err.message });
      }
    }
    // Inside Zalo: silent sign-in with the Zalo access token.
    if (await get().zaloSignIn()) return;
    set({ status: "anonymous", me: null });
  },

  acceptSession(session) {
    setToken(session.token);
    set({ me: session.user, status: "signed-in", signInError: null, sessionNotice: null });
  },

  async refreshMe() {
    const me = (await api.get<Me>("/api/me")).data;
    set({ me });
  },

  applyMe(me) {
    set({ me });
  },

  async devSignIn(role, unitId, name, wardId) {
    const session = (await api.post<Session>("/api/auth/dev", { role, unitId, name, wardId })).data;
    get().acceptSession(session);
  },

  async passwordSignIn(username, password) {
    const session = (await api.post<Session>("/api/auth/password", { username, password })).data;
    get().acceptSession(session);
  },

  async zaloSignIn() {
    const zaloToken = await zaloAccessToken();
    if (!zaloToken) return false;
    try {
      const session = (await api.post<Session>("/api/auth/zalo", { accessToken: zaloToken })).data;
      get().acceptSession(session);
      return true;
    } catch (e) {
      // stay anonymous; the account tab explains and offers to retry
      set({ signInError: errorMessage(e), status: "anonymous", me: null });
      return false;
    }
  },

  clearInvite() {
    storeCode(null);
    set({ pendingInvite: null });
  },

  clearWardLink() {
    storeCode(null, WARD_KEY);
    set({ pendingWard: null });
  },

  async signOut() {
    try {
      await api.post("/api/auth/logout");
    } catch {
      /* the token is dropped locally anyway */
    }
    setToken(null);
    set({ me: null, status: "anonymous", sessionNotice: null });
  },
}));

const SESSION_ENDED = "Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại.";

setUnauthenticatedHandler(() => {
  setToken(null);
  useSession.setState({ me: null, status: "anonymous", sessionNotice: SESSION_ENDED });
});

/** The current role, or "anonymous". */
export function useRole(): Role | "anonymous" {
  return useSession((s) => s.me?.role ?? "anonymous");
}

// Keep the offline cache in step with every change of user or config.
useSession.subscribe((state, prev) => {
  if (state.me !== prev.me || state.config !== prev.config) writeCache(state.me, state.config);
});
