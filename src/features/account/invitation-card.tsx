import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import type { InvitationPreview } from "@contract/identity";
import { ROLE_LABELS } from "@contract/identity-labels";
import { ApiError, toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useNotify } from "../../components/use-notify";
import { acceptInvitation, previewInvitation } from "./api";

/** The invitation from the opening link: confirm to become the unit's focal point. */
export function InvitationCard() {
  const code = useSession((s) => s.pendingInvite);
  const status = useSession((s) => s.status);
  const clearInvite = useSession((s) => s.clearInvite);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!code || status !== "signed-in") return;
    let alive = true;
    setError(null);
    previewInvitation(code).then(
      (p) => alive && setPreview(p),
      (e) => alive && setError(toApiError(e)),
    );
    return () => {
      alive = false;
    };
  }, [code, status]);

  if (!code) return null;

  if (status !== "signed-in") {
    return (
      <section className="card invite-card" data-testid="invite-card">
        <h3>Bạn có một lời mời</h3>
        <p className="muted">Vui lòng đăng nhập để nhận lời mời làm đầu mối đơn vị (mã {code}).</p>
      </section>
    );
  }

  const accept = async () => {
    setBusy(true);
    try {
      const me = await acceptInvitation(code);
      applyMe(me);
      clearInvite();
      notify.success(`Bạn đã là ${ROLE_LABELS[me.role].toLowerCase()}${me.unit ? ` của ${me.unit.name}` : ""}.`);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const usable = preview?.status === "active" && !error;
  return (
    <section className="card invite-card" data-testid="invite-card">
      <h3>Lời mời làm đầu mối</h3>
      {!preview && !error && <p className="muted">Đang kiểm tra lời mời…</p>}
      {preview && (
        <p data-testid="invite-summary">
          Bạn được mời làm <strong>{ROLE_LABELS[preview.role]}</strong> của <strong>{preview.unit.name}</strong>.
          {preview.status === "active" && <> Lời mời có hiệu lực đến {formatDate(preview.expiresAt)}.</>}
          {preview.status === "used" && <> Lời mời này đã được sử dụng.</>}
          {preview.status === "expired" && <> Lời mời này đã hết hạn, vui lòng xin cán bộ phường một mã mới.</>}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="invite-error">
          {error.message}
        </p>
      )}
      <div className="row">
        {usable && (
          <Button size="small" loading={busy} onClick={accept} data-testid="invite-accept">
            Nhận lời mời
          </Button>
        )}
        <Button size="small" variant="tertiary" onClick={clearInvite} data-testid="invite-dismiss">
          {usable ? "Bỏ qua" : "Đóng"}
        </Button>
      </div>
    </section>
  );
}
