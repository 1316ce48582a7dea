import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "zmp-ui";
import type { Invitation, InvitableRole } from "@contract/identity";
import { INVITATION_STATUS_LABELS, ROLE_LABELS } from "@contract/identity-labels";
import { wardTitle } from "@contract/wards-labels";
import { useSession } from "../../lib/session-store";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { createInvitation, listInvitations, revokeInvitation } from "./api";
import { ConfirmModal } from "../../components/confirm-modal";
import { useUnits, useWards } from "./use-units";
import { WardSelect } from "./ward-card";
import { CopyLinkButton } from "../../components/copy-link-button";
import { StaffOnly } from "./staff-only";
import "./account.css";

const PILL: Record<Invitation["status"], string> = { active: "pill--ok", used: "pill--muted", expired: "pill--warn" };

/**
 * A ward's staff invite a unit's focal point (or the Front's observer); city staff invite a ward's staff
 * member (a new ward's first, a replacement) or a colleague — each with a one-time code, a deep link
 * and a QR code.
 */
export function InvitePage() {
  const city = useSession((s) => s.me?.role === "city_staff");
  return (
    <AppPage title={city ? "Mời cán bộ" : "Mời đầu mối"} back testId="invite-page">
      <StaffOnly city>
        <InviteAdmin />
      </StaffOnly>
    </AppPage>
  );
}

/** The roles each inviter gives (the API refuses the others). */
const INVITABLE: Record<"staff" | "city_staff", InvitableRole[]> = { staff: ["focal", "observer"], city_staff: ["staff", "city_staff"] };

function InviteAdmin() {
  const notify = useNotify();
  const me = useSession((s) => s.me);
  const city = me?.role === "city_staff";
  const { wards } = useWards();
  const [wardId, setWardId] = useState<number | "">("");
  const { units, cityUnitId, error: unitsError } = useUnits(city ? wardId || -1 : me?.ward?.id);
  const [unitId, setUnitId] = useState<number | "">("");
  const [role, setRole] = useState<InvitableRole>(city ? "staff" : "focal");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Invitation | null>(null);
  const [list, setList] = useState<Invitation[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const resultRef = useRef<HTMLElement>(null);

  // Bring the new code and its QR into view (the form stays above it).
  useEffect(() => {
    if (created) resultRef.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [created]);

  const load = useCallback(async (from: string | null) => {
    setListError(null);
    if (from) setLoadingMore(true);
    try {
      const page = await listInvitations({ cursor: from });
      setList((prev) => (from && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setListError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  // a ward's staff member works in its culture-society office unless city staff choose another unit
  useEffect(() => {
    if (city && role === "staff") setUnitId(units.find((u) => /(^|-)VHXH$/.test(u.code))?.id ?? "");
  }, [city, role, units]);

  const create = async () => {
    const target = role === "city_staff" ? cityUnitId : unitId;
    if (!target) {
      setFieldError(city && role === "staff" && !wardId ? "Vui lòng chọn phường, xã." : "Vui lòng chọn đơn vị.");
      return;
    }
    setBusy(true);
    setFieldError(null);
    try {
      const inv = await createInvitation({ unitId: target, role });
      setCreated(inv);
      setList((prev) => [inv, ...(prev ?? [])]);
    } catch (e) {
      setFieldError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    try {
      const updated = await revokeInvitation(revoking.code);
      setList((prev) => prev?.map((i) => (i.id === updated.id ? updated : i)) ?? null);
      setCreated((c) => (c?.id === updated.id ? null : c));
      notify.success(`Đã thu hồi mã ${updated.code}.`);
    } catch (e) {
      notify.error(e);
      // the list may be stale (say, the code was just used): show what the server has now
      void load(null);
    } finally {
      setRevokeBusy(false);
      setRevoking(null);
    }
  };

  return (
    <>
      <section className="card" data-testid="invite-form">
        <h3>Tạo lời mời</h3>
        <p className="muted">Người nhận mở đường dẫn (hoặc quét mã QR) trong Zalo và bấm “Nhận lời mời”. Mỗi mã chỉ dùng được một lần.</p>
        {unitsError ? <ErrorState message={errorMessage(unitsError)} /> : null}
        <label className="field-label" htmlFor="invite-role">
          Vai trò
        </label>
        <select id="invite-role" className="native-select" value={role} onChange={(e) => setRole(e.target.value as InvitableRole)} data-testid="invite-role">
          {INVITABLE[city ? "city_staff" : "staff"].map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        {city && role === "staff" && wards && (
          <>
            <label className="field-label">Phường, xã</label>
            <WardSelect
              wards={wards}
              value={wardId}
              onChange={(id) => {
                setWardId(id);
                setUnitId("");
              }}
              testId="invite-ward"
            />
          </>
        )}
        {role !== "city_staff" && (
          <>
            <label className="field-label" htmlFor="invite-unit">
              Đơn vị
            </label>
            <select
              id="invite-unit"
              className="native-select"
              value={unitId}
              onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : "")}
              data-testid="invite-unit"
            >
              <option value="">— Chọn đơn vị —</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </>
        )}
        {fieldError && (
          <p className="field-error" role="alert">
            {fieldError}
          </p>
        )}
        <Button fullWidth loading={busy} onClick={create} data-testid="invite-create">
          Tạo mã mời
        </Button>
      </section>

      {created && (
        <section className="card invite-result" data-testid="invite-result" ref={resultRef}>
          <h3>
            Mã mời cho {created.unit.name}
          </h3>
          <p className="muted">{ROLE_LABELS[created.role]}</p>
          <div className="invite-result__code" data-testid="invite-code">
            {created.code}
          </div>
          {created.qrDataUrl && <img className="invite-result__qr" src={created.qrDataUrl} alt={`Mã QR mời ${ROLE_LABELS[created.role]}`} data-testid="invite-qr" />}
          <p className="invite-result__link" data-testid="invite-link">
            {created.link}
          </p>
          <p className="muted">Hiệu lực đến {formatDateTime(created.expiresAt)}.</p>
          <CopyLinkButton link={created.link} done="Đã sao chép đường dẫn mời." testId="invite-copy" />
        </section>
      )}

      <section className="stack">
        <h3 style={{ margin: "4px 0" }}>Lời mời gần đây</h3>
        {listError && <ErrorState message={listError} onRetry={() => void load(null)} />}
        {!list && !listError && <Skeleton rows={2} />}
        {list && list.length === 0 && <EmptyState title="Chưa có lời mời nào" />}
        {list && list.length > 0 && (
          <ul className="plain-list" data-testid="invite-list">
            {list.map((inv) => (
              <li key={inv.id} className="card">
                <div className="row row--between">
                  <span className="invite-item__code">{inv.code}</span>
                  <span className={`pill ${PILL[inv.status]}`}>{INVITATION_STATUS_LABELS[inv.status]}</span>
                </div>
                <div className="muted">
                  {ROLE_LABELS[inv.role]} · {inv.unit.name}
                  {city && inv.ward && inv.unit.id !== inv.ward.id ? ` · ${wardTitle(inv.ward.name).name}` : ""}
                </div>
                <div className="list-link__meta">
                  {inv.status === "used" && inv.usedBy
                    ? `${inv.usedBy} đã nhận ngày ${formatDate(inv.usedAt!)}`
                    : `Tạo ngày ${formatDate(inv.createdAt)} · hết hạn ${formatDate(inv.expiresAt)}`}
                </div>
                {inv.status === "active" && (
                  <div className="row invite-item__actions">
                    <button type="button" className="link-button" onClick={() => setCreated(inv)}>
                      Hiện mã QR
                    </button>
                    <button type="button" className="link-button link-button--danger" onClick={() => setRevoking(inv)} data-testid={`invite-revoke-${inv.code}`}>
                      Thu hồi
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {cursor && (
          <Button size="small" variant="secondary" loading={loadingMore} onClick={() => void load(cursor)} data-testid="invite-more">
            Tải thêm
          </Button>
        )}
      </section>
      <ConfirmModal
        visible={!!revoking}
        title="Thu hồi lời mời này?"
        description={revoking ? `Mã ${revoking.code} (${revoking.unit.name}) sẽ hết hiệu lực ngay; ai có đường dẫn hoặc mã QR cũng không nhận được nữa.` : ""}
        confirmText="Thu hồi"
        danger
        busy={revokeBusy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
