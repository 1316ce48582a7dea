import { useCallback, useEffect, useRef, useState } from "react";
import { Button, Sheet } from "zmp-ui";
import type { Role, User } from "@contract/identity";
import { ROLE_LABELS, SOURCE_LABELS } from "@contract/identity-labels";
import { wardTitle } from "@contract/wards-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { formatDateTime } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { listUsers, updateUser } from "./api";
import { useUnits, useWards } from "./use-units";
import { WardSelect } from "./ward-card";
import { ConfirmModal } from "../../components/confirm-modal";
import { StaffOnly } from "./staff-only";
import "./account.css";

/** The roles a ward's staff give; city staff also see (and only manage) city accounts. */
const WARD_ROLES: Role[] = ["youth", "focal", "staff", "observer"];
const ALL_ROLES: Role[] = [...WARD_ROLES, "city_staff"];

/**
 * A ward's staff: find their ward's people, change their role or unit, disable an account. City
 * staff: every ward's people read-only (a ward to choose), and their own colleagues' accounts.
 */
export function UsersPage() {
  return (
    <AppPage title="Quản lý người dùng" back testId="users-page">
      <StaffOnly city>
        <UsersAdmin />
      </StaffOnly>
    </AppPage>
  );
}

function UsersAdmin() {
  const me = useSession((s) => s.me);
  const city = me?.role === "city_staff";
  const [wardId, setWardId] = useState<number | "">("");
  const { wards } = useWards();
  const { units } = useUnits(city ? wardId || -1 : me?.ward?.id);
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [unitId, setUnitId] = useState<number | "">("");
  const [items, setItems] = useState<User[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const request = useRef(0);

  const load = useCallback(
    async (more: boolean, from: string | null = null) => {
      const id = ++request.current;
      if (!more) setError(null);
      else setLoadingMore(true);
      try {
        const page = await listUsers({ q: q.trim(), role: role || undefined, unitId: unitId || undefined, wardId: wardId || undefined, cursor: more ? from : null });
        if (id !== request.current) return; // a newer search has started
        setItems((prev) => (more && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (id === request.current) setError(errorMessage(e));
      } finally {
        setLoadingMore(false);
      }
    },
    [q, role, unitId, wardId],
  );

  // Search as the person types, a moment after they stop.
  useEffect(() => {
    const t = setTimeout(() => void load(false), 300);
    return () => clearTimeout(t);
  }, [load]);

  const replace = (u: User) => setItems((prev) => prev?.map((x) => (x.id === u.id ? u : x)) ?? null);

  return (
    <>
      <div className="filters">
        <input
          className="native-input"
          type="search"
          placeholder="Tìm theo tên, tên đăng nhập, số điện thoại"
          aria-label="Tìm người dùng"
          maxLength={100}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="users-search"
        />
        <select className="native-select" aria-label="Vai trò" value={role} onChange={(e) => setRole(e.target.value as Role | "")} data-testid="users-role">
          <option value="">Mọi vai trò</option>
          {(city ? ALL_ROLES : WARD_ROLES).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        {city && wards && (
          <WardSelect
            wards={wards}
            value={wardId}
            onChange={(id) => {
              setWardId(id);
              setUnitId("");
            }}
            testId="users-ward"
          />
        )}
        <select
          className="native-select"
          aria-label="Đơn vị"
          value={unitId}
          onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : "")}
          data-testid="users-unit"
        >
          <option value="">Mọi đơn vị</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.shortName}
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorState message={error} onRetry={() => void load(false)} />}
      {!items && !error && <Skeleton rows={4} />}
      {items && items.length === 0 && <EmptyState title="Không tìm thấy người dùng nào" />}
      {items && items.length > 0 && (
        <ul className="plain-list" data-testid="users-list">
          {items.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className={`card user-item ${u.disabled ? "user-item--disabled" : ""}`}
                onClick={() => setEditing(u)}
                data-testid={`user-${u.id}`}
              >
                <span className="user-item__main">
                  <span className="user-item__name">{u.name}</span>
                  <span className="user-item__meta">
                    {[city && !wardId && u.ward ? wardTitle(u.ward.name).name : null, u.unit?.name, u.username ? `@${u.username}` : null, u.phone, SOURCE_LABELS[u.source] ?? u.source]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </span>
                <span className="stack" style={{ alignItems: "flex-end" }}>
                  <span className="pill">{ROLE_LABELS[u.role]}</span>
                  {u.disabled && <span className="pill pill--bad">Đã khóa</span>}
                  {!u.disabled && u.lockedUntil && <span className="pill pill--warn">Tạm khóa</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <Button variant="secondary" size="small" loading={loadingMore} onClick={() => void load(true, cursor)} data-testid="users-more">
          Tải thêm
        </Button>
      )}
      <UserEditor user={editing} onClose={() => setEditing(null)} onSaved={(u) => (replace(u), setEditing(u))} />
    </>
  );
}

function UserEditor({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const myId = useSession((s) => s.me?.id);
  const city = useSession((s) => s.me?.role === "city_staff");
  const notify = useNotify();
  // a person's unit is one of their own ward's
  const { units } = useUnits(user?.ward?.id ?? -1);
  const [role, setRole] = useState<Role>("youth");
  const [unitId, setUnitId] = useState<number | "">("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [confirmStaff, setConfirmStaff] = useState(false);

  useEffect(() => {
    if (!user) return;
    setRole(user.role);
    setUnitId(user.unit?.id ?? "");
    setFieldError(null);
  }, [user]);

  const self = user?.id === myId;
  // city staff read a ward's accounts; of their colleagues' they lock, unlock and lift lock-outs
  const readOnly = city && user?.role !== "city_staff";
  const fixedRole = self || city;

  const save = async (body: Parameters<typeof updateUser>[1], message: string) => {
    if (!user) return;
    setBusy(true);
    setFieldError(null);
    try {
      const saved = await updateUser(user.id, body);
      onSaved(saved);
      notify.success(message);
      return true;
    } catch (e) {
      setFieldError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveRole = (confirmed = false) => {
    if (role === "focal" && !unitId) {
      setFieldError("Đầu mối phải thuộc một đơn vị: vui lòng chọn đơn vị.");
      return;
    }
    // Staff rights are the keys to everything: ask before handing them out.
    if (role === "staff" && user?.role !== "staff" && !confirmed) {
      setConfirmStaff(true);
      return;
    }
    return save({ role, unitId: unitId || null }, "Đã lưu vai trò và đơn vị.");
  };

  return (
    <Sheet visible={!!user} onClose={onClose} autoHeight title={user?.name ?? ""} unmountOnClose>
      {user && readOnly && (
        <div className="sheet-body" data-testid="user-readonly">
          <p>
            {ROLE_LABELS[user.role]}
            {user.unit ? ` · ${user.unit.name}` : ""}
            {user.ward ? ` · ${wardTitle(user.ward.name).name}` : ""}
          </p>
          <p className="muted">Cán bộ thành phố chỉ xem tài khoản của phường, xã; việc đổi vai trò, khóa tài khoản do cán bộ phường, xã thực hiện.</p>
        </div>
      )}
      {user && !readOnly && (
        <div className="sheet-body" data-testid="user-editor">
          <label className="field-label" htmlFor="edit-role">
            Vai trò
          </label>
          <select
            id="edit-role"
            className="native-select"
            value={role}
            disabled={fixedRole}
            onChange={(e) => setRole(e.target.value as Role)}
            data-testid="edit-role"
          >
            {(city ? ALL_ROLES : WARD_ROLES).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {!city && (
            <>
              <label className="field-label" htmlFor="edit-unit">
                Đơn vị {role === "focal" ? "(bắt buộc với đầu mối)" : "(không bắt buộc)"}
              </label>
              <select
                id="edit-unit"
                className="native-select"
                value={unitId}
                onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : "")}
                data-testid="edit-unit"
              >
                <option value="">— Không thuộc đơn vị —</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {self && <p className="muted">Bạn không thể tự đổi vai trò hoặc tự khóa tài khoản của mình.</p>}
          {user.lockedUntil && (
            <div className="account-locked" data-testid="edit-locked">
              Tạm khóa đăng nhập đến {formatDateTime(user.lockedUntil)} do nhập sai mật khẩu nhiều lần.{" "}
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => void save({ unlock: true }, "Đã bỏ tạm khóa, người này đăng nhập lại được ngay.")}
                data-testid="edit-unlock"
              >
                Bỏ tạm khóa ngay
              </button>
            </div>
          )}
          {fieldError && (
            <p className="field-error" role="alert" data-testid="edit-error">
              {fieldError}
            </p>
          )}
          {!city && (
            <Button fullWidth loading={busy} onClick={() => void saveRole()} data-testid="edit-save">
              Lưu thay đổi
            </Button>
          )}
          {!self &&
            (user.disabled ? (
              <Button fullWidth variant="secondary" onClick={() => void save({ disabled: false }, "Đã mở khóa tài khoản.")} data-testid="edit-enable">
                Mở khóa tài khoản
              </Button>
            ) : (
              <Button fullWidth variant="secondary" type="danger" onClick={() => setConfirmDisable(true)} data-testid="edit-disable">
                Khóa tài khoản
              </Button>
            ))}
          <ConfirmModal
            visible={confirmDisable}
            title="Khóa tài khoản này?"
            description={`${user.name} sẽ bị đăng xuất ngay trên mọi thiết bị và không đăng nhập lại được cho đến khi được mở khóa.`}
            confirmText="Khóa tài khoản"
            danger
            busy={busy}
            onConfirm={async () => {
              // Closed either way: a refusal shows under the form (edit-error), not behind the dialog.
              await save({ disabled: true }, "Đã khóa tài khoản.");
              setConfirmDisable(false);
            }}
            onCancel={() => setConfirmDisable(false)}
          />
          <ConfirmModal
            visible={confirmStaff}
            title="Cấp quyền cán bộ phường?"
            description={`${user.name} sẽ quản lý được thông báo, kỳ báo cáo, góp ý và người dùng của phường.`}
            confirmText="Cấp quyền"
            busy={busy}
            onConfirm={async () => {
              await saveRole(true);
              setConfirmStaff(false);
            }}
            onCancel={() => setConfirmStaff(false)}
          />
        </div>
      )}
    </Sheet>
  );
}
