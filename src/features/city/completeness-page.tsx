import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { CityCompleteness, CityWardRow, CityWardState } from "@contract/city";
import { CITY_DEADLINE_DEFAULT_TEXT, CITY_TIMING_LABELS, CITY_TIMING_RULE } from "@contract/city-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { SendButton } from "../../components/send-button";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { dateInputValue, formatDate, formatDateTime } from "../../lib/dates";
import { useRole, useSession } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import { WardStatePill, YearChips, wardTitle } from "./parts";
import "./city.css";

type Filter = "all" | CityWardState;
const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "Tất cả" },
  { value: "sent", label: "Chờ tiếp nhận" },
  { value: "returned", label: "Bị trả lại" },
  { value: "not_sent", label: "Chưa gửi" },
  { value: "accepted", label: "Đã tiếp nhận" },
];

/** City staff's home of the reports: which wards sent (DHIS2's reporting rate, one level up), the deadline, reminders. */
export function CityCompletenessPage() {
  const role = useRole();
  const status = useSession((s) => s.status);
  return (
    <AppPage title="Báo cáo các phường, xã" testId="city-page">
      {status === "loading" ? <Skeleton rows={3} /> : role !== "city_staff" ? <EmptyState title="Trang dành cho cán bộ Sở Nội vụ" /> : <Completeness />}
    </AppPage>
  );
}

function Completeness() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get("year")) || undefined;
  const { data, error, reload, setData } = useLoad(() => cityApi.completeness(asked), [asked]);
  const [filter, setFilter] = useState<Filter>("all");
  const navigate = useNavigate();
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  if (!data) return <Skeleton rows={4} />;
  const c = data.counts;
  const rows = filter === "all" ? data.wards : data.wards.filter((w) => w.state === filter);
  return (
    <>
      <YearChips years={data.years} value={data.year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />
      <section className="card stack" data-testid="city-completeness">
        <h3>Báo cáo năm {data.year}</h3>
        <Deadline data={data} onSaved={(deadline) => setData({ ...data, deadline })} onChanged={reload} />
        <div className="row row--between">
          <span data-testid="city-rate">
            Đã gửi <b>{c.sent}/{c.expected}</b> phường, xã · đã tiếp nhận {c.accepted}
          </span>
          <span className="muted">{Math.round(c.rate * 100)}%</span>
        </div>
        <div className="bar" aria-hidden="true">
          <div className="bar__fill bar__fill--ok" style={{ width: `${c.rate * 100}%` }} />
        </div>
        <div className="city-counts">
          <Count n={c.waiting} label="chờ tiếp nhận" />
          <Count n={c.returned} label="bị trả lại" />
          <Count n={c.notSent} label="chưa gửi" />
          <Count n={c.onTime} label="đúng hạn" />
          <Count n={c.late} label="gửi muộn" />
          <Count n={c.overdue} label="quá hạn" />
        </div>
        <p className="city-rule">{CITY_TIMING_RULE}</p>
        <div className="actions">
          <Button size="medium" data-testid="open-city-summary" onClick={() => navigate(`/city/summary?year=${data.year}`)}>
            Số liệu toàn thành phố
          </Button>
          <RemindButton data={data} />
        </div>
      </section>
      <div className="city-chips" role="tablist" aria-label="Lọc theo tình trạng">
        {FILTERS.map((f) => (
          <button key={f.value} type="button" role="tab" aria-selected={filter === f.value} className={`city-chip${filter === f.value ? " city-chip--active" : ""}`} data-testid={`filter-${f.value}`} onClick={() => setFilter(f.value)}>
            {f.label}
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="Không có phường, xã nào ở tình trạng này" />
      ) : (
        <ul className="plain-list" data-testid="city-wards">
          {rows.map((w) => (
            <WardRow key={w.ward.id} row={w} year={data.year} />
          ))}
        </ul>
      )}
    </>
  );
}

const Count = ({ n, label }: { n: number; label: string }) => (
  <div className="city-count">
    <b>{n}</b>
    <span>{label}</span>
  </div>
);

function WardRow({ row, year }: { row: CityWardRow; year: number }) {
  const l = row.latest;
  return (
    <li>
      <Link to={`/city/wards/${row.ward.id}?year=${year}`} className="city-ward" data-testid={`city-ward-${row.ward.code}`}>
        <span className="row row--between">
          <span className="city-ward__name">{wardTitle(row.ward.name)}</span>
          <WardStatePill state={row.state} overdue={row.overdue} />
        </span>
        {l ? (
          <span className="muted">
            Phiên bản {l.version} · gửi {formatDateTime(l.sentAt)}
            {row.timing ? ` · ${CITY_TIMING_LABELS[row.timing].toLowerCase()}` : ""}
          </span>
        ) : (
          <span className="muted">{row.staffCount ? "Chưa gửi báo cáo" : "Chưa gửi · phường chưa có tài khoản cán bộ"}</span>
        )}
        {row.state === "returned" && l?.returnReason && <span className="muted">Lý do trả lại: {l.returnReason}</span>}
      </Link>
    </li>
  );
}

function Deadline({ data, onSaved, onChanged }: { data: CityCompleteness; onSaved: (d: CityCompleteness["deadline"]) => void; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [date, setDate] = useState(dateInputValue(data.deadline.deadlineAt));
  const notify = useNotify();
  if (!editing) {
    return (
      <p className="muted" data-testid="city-deadline">
        Hạn gửi về Sở Nội vụ: <b>{formatDate(data.deadline.deadlineAt)}</b>
        {data.deadline.isDefault ? ` (mặc định ${CITY_DEADLINE_DEFAULT_TEXT})` : " (Sở đã đặt)"} ·{" "}
        <button type="button" className="city-link" data-testid="edit-deadline" onClick={() => setEditing(true)}>
          Đổi hạn
        </button>
      </p>
    );
  }
  return (
    <div className="stack">
      <label className="field-label" htmlFor="city-deadline-date">
        Hạn gửi báo cáo năm {data.year} (đến 23:59 ngày này)
      </label>
      <input id="city-deadline-date" type="date" className="native-input" value={date} onChange={(e) => setDate(e.target.value)} data-testid="deadline-input" />
      <div className="actions">
        <Button size="small" variant="tertiary" onClick={() => setEditing(false)}>
          Hủy
        </Button>
        <SendButton
          size="small"
          disabled={!date}
          data-testid="save-deadline"
          onSend={async () => {
            try {
              onSaved(await cityApi.setDeadline(data.year, date));
              setEditing(false);
              notify.success("Đã lưu hạn gửi báo cáo.");
              onChanged();
            } catch (e) {
              notify.error(e);
            }
          }}
        >
          Lưu hạn
        </SendButton>
      </div>
    </div>
  );
}

function RemindButton({ data }: { data: CityCompleteness }) {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const owing = data.wards.filter((w) => w.state === "not_sent" || w.state === "returned").length;
  if (owing === 0) return null;
  return (
    <>
      <Button variant="secondary" size="medium" data-testid="city-remind" onClick={() => setOpen(true)}>
        Nhắc {owing} phường, xã
      </Button>
      {open && (
        <Modal visible title="Nhắc các phường, xã chưa gửi?" onClose={() => setOpen(false)}>
          <p>
            Gửi thông báo nhắc tới cán bộ của {owing} phường, xã chưa gửi hoặc bị trả lại chưa gửi lại báo cáo năm {data.year}. Mỗi phường chỉ được nhắc một
            lần mỗi ngày.
          </p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setOpen(false)}>
              Hủy
            </Button>
            <SendButton
              size="small"
              data-testid="confirm-city-remind"
              onSend={async () => {
                try {
                  const r = await cityApi.remind(data.year);
                  setOpen(false);
                  if (r.notified === 0) notify.info("Các phường đã được nhắc hôm nay rồi, hoặc chưa có tài khoản cán bộ.");
                  else notify.success(`Đã gửi nhắc tới ${r.notified} cán bộ phường.`);
                } catch (e) {
                  notify.error(e);
                }
              }}
            >
              Gửi nhắc
            </SendButton>
          </div>
        </Modal>
      )}
    </>
  );
}
