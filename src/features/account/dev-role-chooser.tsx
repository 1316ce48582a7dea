import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import type { Unit } from "@contract/catalog";
import type { Role } from "@contract/identity";
import { ROLE_LABELS } from "@contract/identity-labels";
import { api } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { useNotify } from "../../components/use-notify";

const ROLES: Role[] = ["youth", "focal", "staff", "observer"];

/** Dev sign-in: pick a role (and a unit for a focal point). Only shown when the server allows it. */
export function DevRoleChooser() {
  const devSignIn = useSession((s) => s.devSignIn);
  const notify = useNotify();
  const [units, setUnits] = useState<Unit[]>([]);
  const [role, setRole] = useState<Role>("youth");
  const [unitId, setUnitId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [unitError, setUnitError] = useState(false);

  useEffect(() => {
    api.get<Unit[]>("/api/units").then((r) => setUnits(r.data.filter((u) => u.kind !== "ward")), notify.error);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async () => {
    if (role === "focal" && !unitId) {
      setUnitError(true);
      return;
    }
    setBusy(true);
    try {
      await devSignIn(role, role === "focal" ? unitId : undefined);
      notify.success(`Đã đăng nhập với vai trò ${ROLE_LABELS[role]}.`);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

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
          {units.map((u) => (
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
