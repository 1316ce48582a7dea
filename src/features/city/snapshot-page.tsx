import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { SnapshotDetail } from "@contract/city";
import { RETURN_REASON_MIN } from "@contract/city-labels";
import { COUNTED_LABELS, formatFigure, formatNumber, onTrackText } from "@contract/summary-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { SendButton } from "../../components/send-button";
import { DownloadButtons } from "../../components/download-buttons";
import { useNotify } from "../../components/use-notify";
import { ApiError, errorMessage } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import { SnapshotStatusPill, fileSize, wardTitle } from "./parts";
import "./city.css";

/** One version as it was sent: the frozen figures and files, the city's answer; city staff accept or return it. */
export function SnapshotPage() {
  const id = Number(useParams().id);
  const { data, error, reload, setData } = useLoad(() => cityApi.snapshot(id), [id]);
  return (
    <AppPage title="Báo cáo gửi thành phố" back testId="snapshot-page">
      {error && !data ? (
        error instanceof ApiError && error.status === 404 ? (
          <EmptyState title="Không tìm thấy báo cáo">Báo cáo này không tồn tại hoặc bạn không có quyền xem.</EmptyState>
        ) : (
          <ErrorState message={errorMessage(error)} onRetry={reload} />
        )
      ) : !data ? (
        <Skeleton rows={3} />
      ) : (
        <Snapshot s={data} onChange={setData} />
      )}
    </AppPage>
  );
}

function Snapshot({ s, onChange }: { s: SnapshotDetail; onChange: (s: SnapshotDetail) => void }) {
  const role = useRole();
  const c = s.summary.completeness;
  return (
    <>
      <section className="card stack" data-testid="snapshot-head">
        <div className="row row--between">
          <h3>{wardTitle(s.ward.name)}</h3>
          <SnapshotStatusPill status={s.status} />
        </div>
        <p className="muted" data-testid="snapshot-version">
          Báo cáo năm {s.year} · phiên bản {s.version}
          {s.latest ? " (mới nhất)" : ""}
        </p>
        <p className="muted">
          Gửi {formatDateTime(s.sentAt)}
          {s.sentBy ? ` bởi ${s.sentBy}` : ""} · {s.sentOnTime ? "trong hạn của Sở" : "sau hạn của Sở"}
        </p>
        <p className="muted">
          {c.submitted}/{c.expected} đơn vị đã nộp ({c.approved} đã duyệt) · {COUNTED_LABELS[s.counted].toLowerCase()}
        </p>
        {s.status === "returned" && (
          <div className="banner banner--bad" data-testid="snapshot-reason">
            Sở Nội vụ trả lại{s.decidedAt ? ` ngày ${formatDate(s.decidedAt)}` : ""}
            {s.decidedBy ? ` (${s.decidedBy})` : ""}: {s.returnReason}
          </div>
        )}
        {s.status === "accepted" && (
          <div className="banner banner--ok" data-testid="snapshot-accepted">
            Sở Nội vụ đã tiếp nhận{s.decidedAt ? ` ngày ${formatDate(s.decidedAt)}` : ""}
            {s.decidedBy ? ` (${s.decidedBy})` : ""}.
          </div>
        )}
        {s.status === "superseded" && <div className="banner">Phường đã gửi phiên bản mới hơn trước khi Sở xem xét phiên bản này.</div>}
        <DownloadButtons
          className="city-downloads"
          items={(["docx", "xlsx"] as const).map((kind) => ({
            testId: `snapshot-${kind}`,
            label: `Tải ${kind === "docx" ? "Word" : "Excel"} (${fileSize(s[kind].size)})`,
            busyLabel: `Đang tải ${kind === "docx" ? "Word" : "Excel"}…`,
            start: (p) => cityApi.file(s, kind, p),
          }))}
        />
        {role === "city_staff" && s.latest && (s.status === "sent" || s.status === "accepted") && <Decision s={s} onChange={onChange} />}
        <Link to={`/city/wards/${s.ward.id}?year=${s.year}`} className="city-link" data-testid="all-versions">
          Các phiên bản của phường
        </Link>
      </section>
      <h3 className="city-section-title">Số liệu lúc gửi</h3>
      <ul className="plain-list" data-testid="snapshot-figures">
        {s.summary.indicators.map((i) => (
          <li key={i.id} className="card stack">
            <div className="row row--between">
              <b>{i.code}</b>
              <span className={`pill${i.onTrack === "on_track" ? " pill--ok" : i.onTrack === "off_track" ? " pill--bad" : " pill--muted"}`}>{onTrackText(i)}</span>
            </div>
            <span className="muted">{i.name}</span>
            <span>
              <span className="city-figure">{formatFigure(i.current.value, i.measure)}</span>
              {i.measure === "percent" && i.current.numerator !== null && (
                <span className="city-fraction">
                  {" "}
                  ({formatNumber(i.current.numerator)}/{formatNumber(i.current.denominator)})
                </span>
              )}
              <span className="muted">
                {" "}
                · {i.current.unitsReported}/{i.unitsExpected} đơn vị báo cáo
              </span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Accept (the figures count in the city's) or return with a reason the ward reads. */
function Decision({ s, onChange }: { s: SnapshotDetail; onChange: (s: SnapshotDetail) => void }) {
  const notify = useNotify();
  const [mode, setMode] = useState<"accept" | "return" | null>(null);
  const [reason, setReason] = useState("");
  const short = reason.trim().length < RETURN_REASON_MIN;
  const ward = wardTitle(s.ward.name);
  return (
    <>
      <div className="actions">
        {s.status === "sent" && (
          <Button size="medium" data-testid="accept-snapshot" onClick={() => setMode("accept")}>
            Tiếp nhận
          </Button>
        )}
        <Button size="medium" variant="secondary" data-testid="return-snapshot" onClick={() => setMode("return")}>
          Trả lại
        </Button>
      </div>
      {mode === "accept" && (
        <Modal visible title={`Tiếp nhận báo cáo của ${ward}?`} onClose={() => setMode(null)}>
          <p>Số liệu phiên bản {s.version} sẽ được tính vào số liệu toàn thành phố năm {s.year}. Phường được báo đã tiếp nhận.</p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setMode(null)}>
              Hủy
            </Button>
            <SendButton
              size="small"
              data-testid="confirm-accept"
              onSend={async () => {
                try {
                  onChange(await cityApi.accept(s.id));
                  setMode(null);
                  notify.success(`Đã tiếp nhận báo cáo của ${ward}.`);
                } catch (e) {
                  notify.error(e);
                }
              }}
            >
              Tiếp nhận
            </SendButton>
          </div>
        </Modal>
      )}
      {mode === "return" && (
        <Modal visible title={`Trả lại báo cáo của ${ward}`} onClose={() => setMode(null)}>
          <label className="field-label" htmlFor="snapshot-return-reason">
            Lý do trả lại (phường sẽ thấy)
          </label>
          <textarea
            id="snapshot-return-reason"
            className="native-textarea"
            data-testid="return-reason-input"
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {short && reason.length > 0 && <p className="field-error">Lý do cần ít nhất {RETURN_REASON_MIN} ký tự.</p>}
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setMode(null)}>
              Hủy
            </Button>
            <SendButton
              size="small"
              disabled={short}
              data-testid="confirm-return"
              onSend={async () => {
                try {
                  onChange(await cityApi.returnIt(s.id, reason.trim()));
                  setMode(null);
                  setReason("");
                  notify.success(`Đã trả lại báo cáo của ${ward}.`);
                } catch (e) {
                  // the reason stays in the box: nothing typed is lost
                  notify.error(e);
                }
              }}
            >
              Trả lại
            </SendButton>
          </div>
        </Modal>
      )}
    </>
  );
}
