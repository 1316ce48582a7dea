import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { EmptyState, Skeleton } from "../../components/states";
import { useSession } from "../../lib/session-store";

/**
 * Staff screens: others see why they cannot use them (the API refuses them anyway). `city` lets city
 * staff in too (the screen then works across wards), `cityOnly` keeps it for city staff.
 */
export function StaffOnly({ children, city = false, cityOnly = false }: { children: ReactNode; city?: boolean; cityOnly?: boolean }) {
  const status = useSession((s) => s.status);
  const role = useSession((s) => s.me?.role);
  const notice = useSession((s) => s.sessionNotice);
  if (status === "loading") return <Skeleton rows={2} />;
  // Signed out (perhaps the session just expired): say so and point to the sign-in form.
  if (status === "anonymous") {
    return (
      <EmptyState title={notice ?? "Vui lòng đăng nhập bằng tài khoản cán bộ phường"}>
        <Link to="/account" className="account-link" data-testid="staff-signin-link">
          Đến trang đăng nhập
        </Link>
      </EmptyState>
    );
  }
  if (cityOnly && role !== "city_staff") return <EmptyState title="Chỉ cán bộ thành phố (Sở Nội vụ) dùng được chức năng này" />;
  if (!cityOnly && role !== "staff" && !(city && role === "city_staff")) return <EmptyState title="Chỉ cán bộ phường dùng được chức năng này" />;
  return <>{children}</>;
}
