import { Link, useParams, useSearchParams } from "react-router-dom";
import type { Snapshot } from "@contract/city";
import { COUNTED_LABELS } from "@contract/summary-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { ApiError, errorMessage } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import { SnapshotStatusPill, wardTitle } from "./parts";
import "./city.css";

/** Every version a ward sent to the city (newest first), with the city's answer: for city staff and the ward's own people. */
export function VersionsPage() {
  const wardId = Number(useParams().wardId);
  const year = Number(useSearchParams()[0].get("year")) || undefined;
  const { data, error, reload } = useLoad(() => cityApi.versions(wardId, year ? { year } : {}), [wardId, year]);
  const title = data ? wardTitle(data.ward.name) : "Báo cáo gửi thành phố";
  return (
    <AppPage title={title} back testId="versions-page">
      {error && !data ? (
        error instanceof ApiError && error.status === 404 ? (
          <EmptyState title="Không tìm thấy phường, xã">Phường này không tồn tại hoặc bạn không có quyền xem.</EmptyState>
        ) : (
          <ErrorState message={errorMessage(error)} onRetry={reload} />
        )
      ) : !data ? (
        <Skeleton rows={3} />
      ) : data.items.length === 0 ? (
        <EmptyState title={year ? `Phường chưa gửi báo cáo năm ${year}` : "Phường chưa gửi báo cáo nào lên thành phố"}>
          {data.deadlineAt ? `Hạn gửi về Sở Nội vụ: ${formatDate(data.deadlineAt)}.` : null}
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {data.items.length} phiên bản{year ? ` của báo cáo năm ${year}` : ""}
            {data.deadlineAt ? ` · hạn gửi về Sở ${formatDate(data.deadlineAt)}` : ""}. Mỗi phiên bản giữ nguyên số liệu và tệp như lúc gửi.
          </p>
          <ul className="plain-list" data-testid="version-list">
            {data.items.map((s) => (
              <VersionCard key={s.id} s={s} />
            ))}
          </ul>
        </>
      )}
    </AppPage>
  );
}

export function VersionCard({ s }: { s: Snapshot }) {
  return (
    <li className="card">
      <Link to={`/city/snapshots/${s.id}`} className="city-version" data-testid={`version-${s.version}`}>
        <span className="row row--between">
          <b>
            Năm {s.year} · phiên bản {s.version}
          </b>
          <SnapshotStatusPill status={s.status} />
        </span>
        <span className="muted">
          Gửi {formatDateTime(s.sentAt)}
          {s.sentBy ? ` · ${s.sentBy}` : ""}
          {s.sentOnTime ? "" : " · sau hạn"}
        </span>
        <span className="muted">
          {s.unitsSubmitted}/{s.unitsExpected} đơn vị đã nộp · {s.indicatorsOnTrack}/{s.indicatorsTotal} chỉ tiêu đạt lộ trình · {COUNTED_LABELS[s.counted].toLowerCase()}
        </span>
        {s.status === "returned" && s.returnReason && (
          <span className="banner banner--bad" data-testid="version-reason">
            Thành phố trả lại{s.decidedAt ? ` ngày ${formatDate(s.decidedAt)}` : ""}: {s.returnReason}
          </span>
        )}
        {s.status === "accepted" && s.decidedAt && <span className="banner banner--ok">Thành phố đã tiếp nhận ngày {formatDate(s.decidedAt)}.</span>}
      </Link>
    </li>
  );
}
