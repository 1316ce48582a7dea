import { useState } from "react";
import { Button } from "zmp-ui";
import { useSession } from "../../lib/session-store";
import { isInZalo, zaloAccessToken, zaloUserProfile } from "../../lib/zalo";
import { useNotify } from "../../components/use-notify";
import { updateMe } from "./api";

const LATER_KEY = "tns.consent.later";

function askedLater(): boolean {
  try {
    return localStorage.getItem(LATER_KEY) === "1";
  } catch {
    return false;
  }
}

/**
 * The polite consent step inside Zalo: the account keeps a neutral name until the person agrees
 * to share their Zalo name and avatar. "Để sau" hides the card on this device.
 */
export function ConsentCard() {
  const me = useSession((s) => s.me);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [later, setLater] = useState(askedLater);
  const [busy, setBusy] = useState(false);

  if (!me || me.consented || later || !isInZalo()) return null;

  const agree = async () => {
    setBusy(true);
    try {
      // Zalo asks the person itself; a refusal returns null.
      const profile = await zaloUserProfile();
      if (!profile) {
        notify.info("Bạn chưa cho phép Zalo chia sẻ tên và ảnh. Bạn có thể đổi ý bất cứ lúc nào.");
        return;
      }
      // The server reads the name and avatar from Zalo with this token: a name is never typed in.
      const accessToken = (await zaloAccessToken()) || undefined;
      applyMe(await updateMe({ consent: true, accessToken }));
      notify.success("Đã dùng tên và ảnh đại diện Zalo của bạn.");
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const postpone = () => {
    try {
      localStorage.setItem(LATER_KEY, "1");
    } catch {
      /* hidden for this visit only */
    }
    setLater(true);
  };

  return (
    <section className="card consent-card" data-testid="consent-card">
      <h3>Cho phép dùng tên và ảnh đại diện Zalo?</h3>
      <p className="muted">
        Cán bộ phường sẽ thấy tên thật của bạn khi trả lời góp ý và khi bạn xác nhận đã đọc thông báo. Nếu chưa đồng ý, bạn hiện
        với tên “Thanh niên”.
      </p>
      <div className="row">
        <Button size="small" loading={busy} onClick={agree} data-testid="consent-agree">
          Đồng ý
        </Button>
        <Button size="small" variant="tertiary" onClick={postpone} data-testid="consent-later">
          Để sau
        </Button>
      </div>
    </section>
  );
}
