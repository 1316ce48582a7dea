import { useState } from "react";
import { Link } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { Counted } from "@contract/summary";
import { COUNTED_LABELS } from "@contract/summary-labels";
import { SendButton } from "../../components/send-button";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import { SnapshotStatusPill } from "./parts";
import "./city.css";

/**
 * On the ward summary: "Gửi báo cáo lên thành phố" — the ward's staff send a frozen version of the
 * figures, the Word and the Excel; the versions and the city's answer (a return with its reason) show here.
 */
export function UpwardCard({ periodId, counted, period }: { periodId: number; counted: Counted; period: { kind: "annual" | "adhoc"; year: number } }) {
  const me = useSession((s) => s.me);
  const wardId = me?.ward?.id;
  if (!me || !wardId || (me.role !== "staff" && me.role !== "observer") || period.kind !== "annual") return null;
  return <Card wardId={wardId} periodId={periodId} counted={counted} year={period.year} />;
}

function Card({ wardId, periodId, counted, year }: { wardId: number; periodId: number; counted: Counted; year: number }) {
  const { data, error, reload } = useLoad(() => cityApi.versions(wardId, { periodId }), [wardId, periodId]);
  const [confirm, setConfirm] = useState(false);
  const notify = useNotify();
  if (error && !data) {
    return (
      <section className="card" data-testid="upward-card">
        <h3>Gửi báo cáo lên thành phố</h3>
        <p className="muted">{errorMessage(error)}</p>
        <Button size="small" variant="secondary" onClick={reload}>
          Thử lại
        </Button>
      </section>
    );
  }
  if (!data) return null;
  const latest = data.items[0];
  const next = (latest?.version ?? 0) + 1;
  return (
    <section className="card stack" data-testid="upward-card">
      <div className="row row--between">
        <h3>Gửi báo cáo lên thành phố</h3>
        {latest && <SnapshotStatusPill status={latest.status} />}
      </div>
      <p className="muted" data-testid="upward-deadline">
        {latest ? `Phiên bản ${latest.version} gửi ${formatDateTime(latest.sentAt)}. ` : "Chưa gửi. "}
        {data.deadlineAt ? `Hạn gửi về Sở Nội vụ: ${formatDate(data.deadlineAt)}.` : ""}
      </p>
      {latest?.status === "returned" && (
        <div className="banner banner--bad" data-testid="upward-reason">
          Sở Nội vụ trả lại phiên bản {latest.version}: {latest.returnReason} Hãy sửa số liệu rồi gửi phiên bản mới.
        </div>
      )}
      {latest?.status === "accepted" && <div className="banner banner--ok">Sở Nội vụ đã tiếp nhận phiên bản {latest.version}{latest.decidedAt ? ` ngày ${formatDate(latest.decidedAt)}` : ""}.</div>}
      {data.canSend ? (
        <Button size="medium" data-testid="send-to-city" onClick={() => setConfirm(true)}>
          {latest ? `Gửi phiên bản ${next} lên thành phố` : "Gửi báo cáo lên thành phố"}
        </Button>
      ) : (
        data.cannotSendReason && <p className="muted" data-testid="upward-blocked">{data.cannotSendReason}</p>
      )}
      {data.items.length > 0 && (
        <ul className="plain-list" data-testid="upward-versions">
          {data.items.map((s) => (
            <li key={s.id}>
              <Link to={`/city/snapshots/${s.id}`} className="row row--between city-link" data-testid={`upward-version-${s.version}`}>
                <span>
                  Phiên bản {s.version} · {formatDate(s.sentAt)}
                </span>
                <SnapshotStatusPill status={s.status} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <Modal visible title={`Gửi báo cáo năm ${year} lên thành phố?`} onClose={() => setConfirm(false)}>
          <p>
            Phường gửi phiên bản {next}: số liệu toàn phường lúc này ({COUNTED_LABELS[counted].toLowerCase()}), cùng tệp Word và Excel. Phiên bản đã gửi được giữ nguyên;
            nếu cần sửa, phường gửi phiên bản mới.
          </p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setConfirm(false)}>
              Hủy
            </Button>
            <SendButton
              size="small"
              data-testid="confirm-send-to-city"
              onSend={async () => {
                try {
                  const s = await cityApi.send(wardId, { periodId, counted });
                  setConfirm(false);
                  notify.success(`Đã gửi phiên bản ${s.version} lên thành phố.`);
                  reload();
                } catch (e) {
                  notify.error(e);
                  reload();
                }
              }}
            >
              Gửi
            </SendButton>
          </div>
        </Modal>
      )}
    </section>
  );
}
