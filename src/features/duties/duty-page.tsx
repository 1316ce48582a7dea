import { useState } from "react";
import { useParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { DutyDetail, DutyUnit } from "@contract/duties";
import { DUTY_LIMITS, DUTY_STATUS_LABELS, DUTY_STATUS_TONE } from "@contract/duties-labels";
import { AppPage } from "../../components/app-page";
import { ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { apiUrl, toApiError } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { dutiesApi } from "./api";
import { HandInForm } from "./hand-in-form";

const ACTION_LABELS = { hand_in: "Nộp", accept: "Chấp nhận", return: "Trả lại" } as const;

function StatusPill({ u }: { u: DutyUnit }) {
  const tone = DUTY_STATUS_TONE[u.status];
  return (
    <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="unit-duty-status">
      {DUTY_STATUS_LABELS[u.status]}
    </span>
  );
}

function Handed({ u }: { u: DutyUnit }) {
  return (
    <>
      {u.handedInAt && (
        <p className="muted">
          Nộp lúc {formatDateTime(u.handedInAt)}
          {u.handedInBy ? ` · ${u.handedInBy}` : ""}
          {u.late ? " · nộp sau hạn" : ""}
        </p>
      )}
      {u.text && <p className="pre-line">{u.text}</p>}
      {u.files.map((f) => (
        <a key={f.id} href={apiUrl(f.url)} target="_blank" rel="noreferrer">
          {f.name}
        </a>
      ))}
      {u.history.length > 0 && (
        <ul className="muted" data-testid="duty-history">
          {u.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)} · {ACTION_LABELS[h.action]}
              {h.userName ? ` (${h.userName})` : ""}
              {h.action === "return" && h.note ? `: ${h.note}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One duty: the focal point hands in; staff see every unit, accept, return with a reason, remind. */
export function DutyPage() {
  const id = Number(useParams().id);
  const me = useSession((s) => s.me);
  const { data, error, reload, setData } = useLoad(() => dutiesApi.get(id), [id]);
  if (error) {
    return (
      <AppPage title="Nhiệm vụ" back>
        <ErrorState message={toApiError(error).message} onRetry={reload} />
      </AppPage>
    );
  }
  if (!data || !me) {
    return (
      <AppPage title="Nhiệm vụ" back>
        <Skeleton rows={2} />
      </AppPage>
    );
  }
  return (
    <AppPage title="Nhiệm vụ" back testId="duty-page">
      <section className="card stack">
        <h3 data-testid="duty-title">{data.title}</h3>
        <p className="muted">
          Bắt đầu {formatDate(data.startsAt)} · Hạn hoàn thành <b>{formatDate(data.dueAt)}</b>
          {data.recursYearly ? " · lặp lại hằng năm" : ""}
        </p>
        {data.description && <p className="pre-line">{data.description}</p>}
      </section>
      {me.role === "focal" ? <FocalView duty={data} onChange={setData} /> : <StaffView duty={data} canWrite={me.role === "staff"} onChange={setData} />}
    </AppPage>
  );
}

function FocalView({ duty, onChange }: { duty: DutyDetail; onChange: (d: DutyDetail) => void }) {
  const notify = useNotify();
  const u = duty.units[0];
  if (!u) return null;
  return (
    <>
      <section className="card stack" data-testid="my-duty">
        <div className="row row--between">
          <b>{u.unitName}</b>
          <StatusPill u={u} />
        </div>
        {u.overdue && <div className="banner banner--bad">Đã quá hạn {formatDate(duty.dueAt)}: vui lòng nộp sớm nhất.</div>}
        {u.status === "returned" && u.returnReason && (
          <div className="banner banner--bad" data-testid="return-reason">
            Phường trả lại: {u.returnReason}
          </div>
        )}
        {u.status === "accepted" && <div className="banner banner--ok">Phường đã chấp nhận phần nộp của đơn vị.</div>}
        <Handed u={u} />
      </section>
      {(u.status === "not_started" || u.status === "returned") && (
        <HandInForm
          duty={duty}
          unitId={u.unitId}
          onDone={(d) => {
            onChange(d);
            notify.success("Đã nộp cho phường.");
          }}
        />
      )}
    </>
  );
}

function StaffView({ duty, canWrite, onChange }: { duty: DutyDetail; canWrite: boolean; onChange: (d: DutyDetail) => void }) {
  const notify = useNotify();
  const [open, setOpen] = useState<number | null>(null);
  const [returning, setReturning] = useState<DutyUnit | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirmRemind, setConfirmRemind] = useState(false);
  const c = duty.counts;
  const owing = duty.units.filter((u) => u.status === "not_started" || u.status === "returned");

  async function act(fn: () => Promise<DutyDetail>, ok: string) {
    setBusy(true);
    try {
      onChange(await fn());
      notify.success(ok);
      return true;
    } catch (err) {
      notify.error(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="muted" data-testid="duty-counts">
        {c.accepted}/{c.expected} đã chấp nhận · {c.handedIn} chờ xem xét · {c.returned} bị trả lại · {c.notStarted} chưa nộp
        {c.overdue ? ` · ${c.overdue} quá hạn` : ""}
      </p>
      {canWrite && owing.length > 0 && (
        <Button variant="secondary" fullWidth data-testid="duty-remind" onClick={() => setConfirmRemind(true)}>
          Nhắc {owing.length} đơn vị chưa nộp
        </Button>
      )}
      <ul className="plain-list">
        {duty.units.map((u) => (
          <li key={u.unitId} className="card stack" data-testid={`unit-${u.unitCode}`}>
            <button type="button" className="row row--between link-button" style={{ color: "inherit" }} onClick={() => setOpen(open === u.unitId ? null : u.unitId)}>
              <span>{u.unitName}</span>
              <StatusPill u={u} />
            </button>
            {(open === u.unitId || u.status === "handed_in") && <Handed u={u} />}
            {u.status === "returned" && u.returnReason && <p className="muted">Lý do trả lại: {u.returnReason}</p>}
            {canWrite && u.status === "handed_in" && (
              <div className="actions">
                <Button size="small" loading={busy} data-testid="accept" onClick={() => void act(() => dutiesApi.accept(duty.id, u.unitId), `Đã chấp nhận phần nộp của ${u.unitName}.`)}>
                  Chấp nhận
                </Button>
                <Button size="small" variant="secondary" data-testid="return" onClick={() => setReturning(u)}>
                  Trả lại
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {returning && (
        <Modal visible title={`Trả lại phần nộp của ${returning.unitName}`} onClose={() => setReturning(null)}>
          <label className="field-label" htmlFor="return-reason">
            Lý do (đơn vị sẽ thấy)
          </label>
          <textarea id="return-reason" className="native-textarea" data-testid="return-reason-input" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setReturning(null)}>
              Hủy
            </Button>
            <Button
              size="small"
              loading={busy}
              disabled={reason.trim().length < DUTY_LIMITS.reasonMin}
              data-testid="confirm-return"
              onClick={async () => {
                if (await act(() => dutiesApi.returnIt(duty.id, returning.unitId, reason), `Đã trả lại phần nộp của ${returning.unitName}.`)) {
                  setReturning(null);
                  setReason("");
                }
              }}
            >
              Trả lại
            </Button>
          </div>
        </Modal>
      )}
      {confirmRemind && (
        <Modal visible title="Nhắc các đơn vị chưa nộp?" onClose={() => setConfirmRemind(false)}>
          <p>Gửi thông báo nhắc tới đầu mối của {owing.length} đơn vị. Mỗi đơn vị chỉ được nhắc một lần mỗi ngày.</p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setConfirmRemind(false)}>
              Hủy
            </Button>
            <Button
              size="small"
              data-testid="confirm-duty-remind"
              onClick={async () => {
                setConfirmRemind(false);
                try {
                  const r = await dutiesApi.remind(duty.id);
                  if (r.notified === 0) notify.info("Các đơn vị đã được nhắc hôm nay rồi, hoặc chưa có đầu mối.");
                  else notify.success(`Đã gửi nhắc tới ${r.notified} đầu mối.`);
                } catch (err) {
                  notify.error(err);
                }
              }}
            >
              Gửi nhắc
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
