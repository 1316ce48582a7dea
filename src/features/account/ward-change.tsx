import { useState } from "react";
import { Button } from "zmp-ui";
import type { Ward } from "@contract/wards";
import { wardTitle } from "@contract/wards-labels";
import { useSession } from "../../lib/session-store";
import { errorMessage } from "../../lib/api-client";
import { useNotify } from "../../components/use-notify";
import { listWards, updateMe } from "./api";
import { WardSelect } from "./ward-card";

/** The profile's ward line: a youth changes it here; everyone else's follows their unit or staff. */
export function WardLine() {
  const me = useSession((s) => s.me);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<number | "">("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  if (!me.ward) return me.role === "city_staff" ? <span data-testid="profile-ward">Sở Nội vụ thành phố</span> : null;

  const start = async () => {
    setOpen(true);
    setError(null);
    setChoice(me.ward?.id ?? "");
    try {
      setWards(wards ?? (await listWards()));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const save = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateMe({ wardId: choice });
      applyMe(updated);
      setOpen(false);
      notify.success(`Đã chuyển sang ${updated.ward ? wardTitle(updated.ward.name).name : "phường, xã đã chọn"}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="ward-line" data-testid="profile-ward">
      {wardTitle(me.ward.name).name}
      {me.role === "youth" && !open && (
        <button type="button" className="link-button" onClick={() => void start()} data-testid="ward-change">
          Đổi phường, xã
        </button>
      )}
      {open && (
        <span className="ward-line__edit">
          {wards && <WardSelect wards={wards} value={choice} onChange={setChoice} testId="ward-change-select" />}
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
          <span className="row">
            <Button size="small" loading={busy} disabled={!choice || choice === me.ward.id} onClick={() => void save()} data-testid="ward-change-save">
              Lưu
            </Button>
            <Button size="small" variant="tertiary" onClick={() => setOpen(false)}>
              Hủy
            </Button>
          </span>
        </span>
      )}
    </span>
  );
}
