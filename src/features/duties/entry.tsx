import { Link } from "react-router-dom";
import { useLoad } from "../../lib/use-load";
import { dutiesApi } from "./api";

/** A card on the Báo cáo tab: what the unit (or the ward) still owes, opening the duties calendar. */
export function DutiesEntry({ focal }: { focal: boolean }) {
  const { data } = useLoad(() => dutiesApi.calendar(), []);
  const duties = data?.entries.filter((e) => e.dutyId !== null) ?? [];
  const owing = focal ? duties.filter((e) => e.myStatus === "not_started" || e.myStatus === "returned").length : duties.reduce((n, e) => n + e.counts.handedIn, 0);
  const overdue = duties.filter((e) => e.overdue).length;
  return (
    <Link to="/duties" className="card entry-card" data-testid="duties-entry">
      <span className="entry-card__title">Nhiệm vụ có thời hạn</span>
      <span className="muted">
        {!data ? "Kế hoạch của đơn vị, kế hoạch bồi dưỡng, Tháng Thanh niên, đối thoại…" : focal ? `${owing} việc đơn vị chưa nộp` : `${owing} phần nộp chờ xem xét`}
        {overdue > 0 && ` · ${overdue} nhiệm vụ quá hạn`}
      </span>
    </Link>
  );
}
