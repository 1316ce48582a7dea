import type { ReactNode } from "react";
import { EmptyState, Skeleton } from "../../components/states";
import { useSession } from "../../lib/session-store";

/** Staff screens: others see why they cannot use them (the API refuses them anyway). */
export function StaffOnly({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const role = useSession((s) => s.me?.role);
  if (status === "loading") return <Skeleton rows={2} />;
  if (role !== "staff") return <EmptyState title="Chỉ cán bộ phường dùng được chức năng này" />;
  return <>{children}</>;
}
