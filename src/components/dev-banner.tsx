import { useSession } from "../lib/session-store";

/** A visible strip whenever the server allows dev sign-in: nobody mistakes it for production. */
export function DevBanner() {
  const dev = useSession((s) => s.config?.devSignIn);
  if (!dev) return null;
  return (
    <div className="dev-banner" role="note">
      Chế độ thử nghiệm
    </div>
  );
}
