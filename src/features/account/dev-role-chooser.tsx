import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import type { Unit } from "@contract/catalog";
import type { Role } from "@contract/identity";
import type { Ward } from "@contract/wards";
import { ROLE_LABELS } from "@contract/identity-labels";
import { useSession } from "../../lib/session-store";
import { useNotify } from "../../components/use-notify";
import { listUnits, listWards } from "./api";
import { WardSelect } from "./ward-card";

const ROLES: Role[] = ["youth", "focal", "staff", "observer", "city_staff"];

/**
 * Dev sign-in: pick a role, the ward (youth, staff, observer; a focal point's is its unit's) and the
 * unit of a focal point. Only shown when the server allows it.
 */
export function DevRoleChooser() {
  const devSignIn = useSession((s) => s.devSignIn);
  const notify = useNotify();
  const [units, setUnits] = useState<Unit[]>([]);
  const [wards, setWards] = useState<Ward[]>([]);
  const [role, setRole] = useState<Role>("youth");
  const [wardId, setWardId] = useState<number | "">("");
  const [unitId, setUnitId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [unitError, setUnitError] = useState(false);

  useEffect(() => {
    listUnits().then((all) => setUnits(all.filter((u) => u.kind !== "ward" && u.kind !== "city")), notify.error);
    listWards().then((w) => {
      setWards(w);
      setWardId((current) => current || (w[0]?.id ?? ""));
    }, notify.error);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async () => {
    if (role === "focal" && !unitId) {
      setUnitError(true);
      return;
    }
    setBusy(true);
    try {
      const inWard = role === "youth" || role === "staff" || role === "observer";
      await devSignIn(role, role === "focal" ? unitId : undefined, undefined, inWard && wardId ? wardId : undefined);
      notify.success(`Đã đăng nhập với vai trò ${ROLE_LABELS[role]}.`);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  // several wards: the units of the chosen one; a single ward needs no choosing
  const showWards = wards.length > 1 && role !== "city_staff";
  const wardUnits = showWards && wardId ? units.filter((u) => u.wardId === wardId) : units;

  return (
    <section className="card" data-testid="dev-signin">
      <h3>Đăng nhập thử nghiệm</h3>
      <p className="muted">Chọn vai trò để dùng thử ứng dụng (chỉ có ở chế độ thử nghiệm).</p>
      <div className="role-grid" role="radiogroup" aria-label="Vai trò">
        {ROLES.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            aria-checked={role === r}
            className={`role-chip ${role === r ? "role-chip--active" : ""}`}
            data-testid={`dev-role-${r}`}
            onClick={() => setRole(r)}
          >
            {ROLE_LABELS[r]}
          </button>
        ))}
      </div>
      {showWards && (
        <WardSelect
          wards={wards}
          value={wardId}
          onChange={(id) => {
            setWardId(id);
            setUnitId(undefined);
          }}
          testId="dev-ward"
        />
      )}
      {role === "focal" && (
        <select
          className="native-select"
          aria-label="Đơn vị"
          data-testid="dev-unit"
          value={unitId ?? ""}
          aria-invalid={unitError}
          onChange={(e) => {
            setUnitId(e.target.value ? Number(e.target.value) : undefined);
            setUnitError(false);
          }}
        >
          <option value="">— Chọn đơn vị —</option>
          {wardUnits.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      )}
      {role === "focal" && unitError && (
        <p className="field-error" role="alert" data-testid="dev-unit-error">
          Vui lòng chọn đơn vị cho đầu mối.
        </p>
      )}
      <Button fullWidth loading={busy} onClick={submit} data-testid="dev-signin-submit">
        Đăng nhập
      </Button>
    </section>
  );
}
