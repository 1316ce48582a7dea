import { useState } from "react";
import { Button } from "zmp-ui";
import { useSession } from "../../lib/session-store";
import { isInZalo, zaloAccessToken, zaloPhoneToken } from "../../lib/zalo";
import { useNotify } from "../../components/use-notify";
import { sharePhone, updateMe } from "./api";
import { ConfirmModal } from "../../components/confirm-modal";

/** Sharing the phone number, only inside Zalo and only when the person asks for it. */
export function PhoneCard() {
  const me = useSession((s) => s.me);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [confirmForget, setConfirmForget] = useState(false);

  if (!me || !isInZalo()) return null;

  const share = async () => {
    setBusy(true);
    try {
      const token = await zaloPhoneToken();
      const accessToken = await zaloAccessToken();
      if (!token || !accessToken) {
        notify.info("Bạn chưa đồng ý chia sẻ số điện thoại.");
        return;
      }
      applyMe(await sharePhone(token, accessToken));
      notify.success("Đã lưu số điện thoại của bạn.");
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const forget = async () => {
    setBusy(true);
    try {
      applyMe(await updateMe({ phone: null }));
      setConfirmForget(false);
      notify.info("Đã xóa số điện thoại.");
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="phone-card">
      <h3>Số điện thoại</h3>
      {me.hasPhone ? (
        <>
          <p className="muted">Bạn đã chia sẻ số điện thoại để cán bộ phường liên hệ khi cần.</p>
          <Button size="small" variant="tertiary" onClick={() => setConfirmForget(true)} data-testid="phone-forget">
            Xóa số điện thoại
          </Button>
        </>
      ) : (
        <>
          <p className="muted">Chia sẻ số điện thoại (không bắt buộc) để cán bộ phường liên hệ khi trả lời góp ý của bạn.</p>
          <Button size="small" variant="secondary" loading={busy} onClick={share} data-testid="phone-share">
            Chia sẻ số điện thoại
          </Button>
        </>
      )}
      <ConfirmModal
        visible={confirmForget}
        title="Xóa số điện thoại?"
        description="Cán bộ phường sẽ không còn thấy số điện thoại của bạn."
        confirmText="Xóa"
        danger
        busy={busy}
        onConfirm={forget}
        onCancel={() => setConfirmForget(false)}
      />
    </section>
  );
}
