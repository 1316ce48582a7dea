import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import type { InvitationPreview, Role } from "@contract/identity";
import { ROLE_LABELS } from "@contract/identity-labels";
import { wardTitle } from "@contract/wards-labels";
import { ApiError, toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useNotify } from "../../components/use-notify";
import { acceptInvitation, previewInvitation } from "./api";

/** A role label inside a sentence: "Đầu mối đơn vị" → "đầu mối đơn vị", "(MTTQ)" keeps its capitals. */
const roleInSentence = (role: Role) => {
  const label = ROLE_LABELS[role];
  return label.charAt(0).toLowerCase() + label.slice(1);
};

/** The invitation from the opening link: confirm to become the unit's focal point. */
export function InvitationCard() {
  const code = useSession((s) => s.pendingInvite);
  const status = useSession((s) => s.status);
  const clearInvite = useSession((s) => s.clearInvite);
  const me = useSession((s) => s.me);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!code || status !== "signed-in") return;
    let alive = true;
    setError(null);
    setPreview(null);
    previewInvitation(code).then(
      (p) => alive && setPreview(p),
      (e) => alive && setError(toApiError(e)),
    );
    return () => {
      alive = false;
    };
  }, [code, status, attempt]);

  if (!code) return null;

  if (status !== "signed-in") {
    return (
      <section className="card invite-card" data-testid="invite-card">
        <h3>Bạn có một lời mời</h3>
        <p className="muted">Vui lòng đăng nhập để nhận lời mời (mã {code}).</p>
      </section>
    );
  }

  const accept = async () => {
    setBusy(true);
    try {
      const updated = await acceptInvitation(code);
      applyMe(updated);
      clearInvite();
      notify.success(`Bạn đã là ${roleInSentence(updated.role)}${updated.unit ? ` của ${updated.unit.name}` : ""}.`);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  // a staff account would lose the rights it manages with (the server refuses it too)
  const staffLike = me?.role === "staff" || me?.role === "city_staff";
  const usable = preview?.status === "active" && !error && !staffLike;
  // A lost connection is not a verdict on the code: offer to try again rather than only to close.
  const retryable = error?.status === 0;
  return (
    <section className="card invite-card" data-testid="invite-card">
      <h3>{preview ? `Lời mời làm ${roleInSentence(preview.role)}` : "Lời mời"}</h3>
      {!preview && !error && <p className="muted">Đang kiểm tra lời mời…</p>}
      {preview && (
        <p data-testid="invite-summary">
          Bạn được mời làm <strong>{ROLE_LABELS[preview.role]}</strong> của <strong>{preview.unit.name}</strong>
          {preview.ward && preview.ward.id !== preview.unit.id ? ` (${wardTitle(preview.ward.name).name})` : ""}.
          {preview.status === "active" && <> Lời mời có hiệu lực đến {formatDate(preview.expiresAt)}.</>}
          {preview.status === "used" && <> Lời mời này đã được sử dụng.</>}
          {preview.status === "expired" && <> Lời mời này đã hết hạn, vui lòng xin cán bộ phường một mã mới.</>}
        </p>
      )}
      {preview?.status === "active" && me && me.role !== "youth" && !staffLike && (
        <p className="muted" data-testid="invite-replaces">
          Bạn đang là {roleInSentence(me.role)}
          {me.unit ? ` của ${me.unit.name}` : ""}. Nhận lời mời này sẽ thay thế vai trò hiện tại.
        </p>
      )}
      {preview?.status === "active" && staffLike && (
        <p className="muted">Tài khoản cán bộ không nhận lời mời (sẽ mất quyền đang có). Hãy mở đường dẫn bằng tài khoản Zalo của người được mời.</p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="invite-error">
          {error.message}
        </p>
      )}
      <div className="row">
        {retryable && (
          <Button size="small" variant="secondary" onClick={() => setAttempt((n) => n + 1)} data-testid="invite-retry">
            Thử lại
          </Button>
        )}
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
