/**
 * Who is using the app: the public configuration, the token and the signed-in user. Shared by
 * every feature (features read it; the account feature changes it).
 */
import { create } from "zustand";
import type { Me, Role, Session } from "@contract/identity";
import type { PublicConfig } from "@contract/common";
import { api, getToken, setToken, setUnauthenticatedHandler } from "./api-client";
import { zaloAccessToken } from "./zalo";

type Status = "loading" | "signed-in" | "anonymous";

interface SessionState {
  status: Status;
  me: Me | null;
  config: PublicConfig | null;
  /** Loads the public config and resumes (or silently starts, inside Zalo) a session. */
  init(): Promise<void>;
  /** Applies a session returned by any sign-in route. */
  acceptSession(session: Session): void;
  refreshMe(): Promise<void>;
  devSignIn(role: Role, unitId?: number, name?: string): Promise<void>;
  signOut(): Promise<void>;
}

export const useSession = create<SessionState>((set, get) => ({
  status: "loading",
  me: null,
  config: null,

  async init() {
    const config = await api
      .get<PublicConfig>("/api/config")
      .then((r) => r.data)
      .catch(() => null);
    set({ config });
    if (getToken()) {
      try {
        const me = (await api.get<Me>("/api/me")).data;
        set({ me, status: "signed-in" });
        return;
      } catch {
        setToken(null);
      }
    }
    // Inside Zalo: silent sign-in with the Zalo access token.
    const zaloToken = await zaloAccessToken();
    if (zaloToken) {
      try {
        const session = (await api.post<Session>("/api/auth/zalo", { accessToken: zaloToken })).data;
        get().acceptSession(session);
        return;
      } catch {
        /* stay anonymous; the account tab explains */
      }
    }
    set({ status: "anonymous", me: null });
  },

  acceptSession(session) {
    setToken(session.token);
    set({ me: session.user, status: "signed-in" });
  },

  async refreshMe() {
    const me = (await api.get<Me>("/api/me")).data;
    set({ me });
  },

  async devSignIn(role, unitId, name) {
    const session = (await api.post<Session>("/api/auth/dev", { role, unitId, name })).data;
    get().acceptSession(session);
  },

  async signOut() {
    try {
      await api.post("/api/auth/logout");
    } catch {
      /* the token is dropped locally anyway */
    }
    setToken(null);
    set({ me: null, status: "anonymous" });
  },
}));

setUnauthenticatedHandler(() => {
  setToken(null);
  useSession.setState({ me: null, status: "anonymous" });
});

/** The current role, or "anonymous". */
export function useRole(): Role | "anonymous" {
  return useSession((s) => s.me?.role ?? "anonymous");
}
