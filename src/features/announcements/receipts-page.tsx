import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Receipts } from "@contract/announcements";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { fetchReceipts, remindUnits } from "./api";
import { formatDayTime } from "./vn-datetime";
import { audienceLabel, writesNotice } from "./sender";
import "./announcements.css";

function Figure({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <div className="ann-figure" data-testid={testId}>
      <span className="ann-figure__value">{value}</span>
      <span className="ann-figure__label">{label}</span>
    </div>
  );
}

/**
 * The publishing level (a ward's staff and observers; city staff, also for every ward's notices): who
 * acknowledged and when, the units — or, for a city notice, the wards — still missing, figures,
 * one-tap reminder.
 */
export function ReceiptsPage() {
  const id = Number(useParams().id);
  const notify = useNotify();
  const me = useSession((s) => s.me);
  const role = me?.role;
  const readers = role === "staff" || role === "observer" || role === "city_staff";
  const sessionStatus = useSession((s) => s.status);
  const [data, setData] = useState<Receipts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reminding, setReminding] = useState(false);

  const load = useCallback(() => {
    setError(null);
    fetchReceipts(id).then(setData).catch(setError);
  }, [id]);

  useEffect(() => {
    if (sessionStatus === "loading") return;
    if (readers) load();
  }, [load, readers, sessionStatus]);

  // a city notice is acknowledged ward by ward, by each ward's staff
  const city = data?.sender.level === "city";
  const unitWord = city ? "phường, xã" : "đơn vị";
  const whoWord = city ? "cán bộ phường" : "đầu mối";

  const onRemind = async () => {
    setReminding(true);
    try {
      const r = await remindUnits(id);
      if (r.alreadyRemindedToday) notify.info(`Hôm nay đã nhắc các ${unitWord} này rồi. Có thể nhắc lại vào ngày mai.`);
      else if (r.recipients === 0) notify.info(`Các ${unitWord} chưa tiếp nhận chưa có ${whoWord} nào dùng ứng dụng.`);
      else notify.success(`Đã nhắc ${r.sent} ${whoWord} của ${r.missingUnits} ${unitWord} chưa tiếp nhận.`);
      load();
    } catch (e) {
      notify.error(e);
    } finally {
      setReminding(false);
    }
  };

  if (sessionStatus !== "loading" && !readers) {
    return (
      <AppPage title="Tình hình tiếp nhận" back>
        <EmptyState title="Chỉ cán bộ và giám sát xem được tình hình tiếp nhận" />
      </AppPage>
    );
  }
  if (error) {
    return (
      <AppPage title="Tình hình tiếp nhận" back>
        <ErrorState message={errorMessage(error)} onRetry={load} />
      </AppPage>
    );
  }
  if (!data) {
    return (
      <AppPage title="Tình hình tiếp nhận" back>
        <Skeleton rows={3} />
      </AppPage>
    );
  }

  const acked = data.units.filter((u) => u.acknowledged);
  const missing = data.units.filter((u) => !u.acknowledged);
  const pct = data.units.length ? Math.round((acked.length / data.units.length) * 100) : 0;
  const { pushes } = data.figures;

  return (
    <AppPage title="Tình hình tiếp nhận" back testId="ann-receipts">
      <section className="card">
        <h3>{data.title}</h3>
        <p className="muted">Gửi tới: {audienceLabel(data.audience, data.sender)}</p>
        <div className="ann-figures">
          <Figure label="Lượt xem" value={data.figures.views} testId="fig-views" />
          <Figure label="Người đọc" value={data.figures.uniqueReaders} testId="fig-readers" />
          <Figure label="Xác nhận" value={data.figures.acknowledgements} testId="fig-acks" />
          <Figure label="Tin đẩy đã gửi" value={pushes.delivered} testId="fig-delivered" />
          <Figure label="Tin đẩy lỗi" value={pushes.failed} testId="fig-failed" />
          <Figure label="Chờ gửi / chỉ hộp thư" value={`${pushes.pending} / ${pushes.inboxOnly}`} />
        </div>
      </section>

      {data.requiresAck && data.units.length > 0 && (
        <section className="card stack">
          <div className="row row--between">
            <strong data-testid="ann-ack-summary">
              {acked.length}/{data.units.length} {unitWord} đã tiếp nhận
            </strong>
            <span className="muted">{pct}%</span>
          </div>
          <div className="bar">
            <div className={`bar__fill ${pct === 100 ? "bar__fill--ok" : "bar__fill--warn"}`} style={{ width: `${pct}%` }} />
          </div>
          {writesNotice(me, data.sender) && missing.length > 0 && data.status === "published" && (
            <Button fullWidth loading={reminding} onClick={() => void onRemind()} data-testid="ann-remind">
              Nhắc tiếp nhận ({missing.length} {unitWord})
            </Button>
          )}
          {data.lastRemindedAt && <p className="muted">Lần nhắc gần nhất: {formatDayTime(data.lastRemindedAt)}</p>}
        </section>
      )}

      {data.requiresAck && data.units.length > 0 && (
        <>
          <section className="card">
            <h3>Đã tiếp nhận ({acked.length})</h3>
            {acked.length === 0 ? (
              <p className="muted">Chưa có {unitWord} nào xác nhận.</p>
            ) : (
              <ul className="ann-receipt-list" data-testid="ann-acked-units">
                {acked.map((u) => (
                  <li key={u.unitId} data-testid="ann-acked-unit" data-code={u.code}>
                    <span className="ann-receipt__name">{u.name}</span>
                    <span className="ann-receipt__meta">
                      {formatDayTime(u.ackedAt!)} · {u.ackedBy}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h3>Chưa tiếp nhận ({missing.length})</h3>
            {missing.length === 0 ? (
              <p className="pill pill--ok">Tất cả {unitWord} đã tiếp nhận.</p>
            ) : (
              <ul className="ann-receipt-list" data-testid="ann-missing-units">
                {missing.map((u) => (
                  <li key={u.unitId} data-testid="ann-missing-unit" data-code={u.code}>
                    <span className="ann-receipt__name">{u.name}</span>
                    <span className="ann-receipt__meta">{u.focalCount ? `${u.focalCount} ${whoWord}` : `Chưa có ${whoWord} dùng ứng dụng`}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      {data.personalAcks.length > 0 && (
        <section className="card">
          <h3>Cá nhân đã xác nhận ({data.personalAcks.length})</h3>
          <ul className="ann-receipt-list">
            {data.personalAcks.map((p, i) => (
              <li key={i}>
                <span className="ann-receipt__name">{p.userName}</span>
                <span className="ann-receipt__meta">{formatDayTime(p.ackedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!data.requiresAck && <p className="muted">Thông báo này không yêu cầu xác nhận tiếp nhận.</p>}
    </AppPage>
  );
}
