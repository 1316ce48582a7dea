import { useEffect, useState } from "react";
import type { WardJoin } from "@contract/wards";
import { AppPage } from "../../components/app-page";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { wardJoin } from "./api";
import { CopyLinkButton } from "../../components/copy-link-button";
import { StaffOnly } from "./staff-only";
import "./account.css";

/** Staff: the ward's link and QR code for youth (posters, the ward's Zalo groups): opening it puts them in the ward. */
export function WardQrPage() {
  return (
    <AppPage title="Mã QR của phường" back testId="ward-qr-page">
      <StaffOnly>
        <WardQr />
      </StaffOnly>
    </AppPage>
  );
}

function WardQr() {
  const wardId = useSession((s) => s.me?.ward?.id);
  const [join, setJoin] = useState<WardJoin | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    if (!wardId) return;
    setError(null);
    wardJoin(wardId).then(setJoin, (e) => setError(errorMessage(e)));
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [wardId]);

  if (error) return <ErrorState message={error} onRetry={load} />;
  if (!join) return <Skeleton rows={3} />;
  return (
    <section className="card invite-result" data-testid="ward-qr">
      <h3>Thanh niên tham gia {join.ward.name}</h3>
      <p className="muted">Thanh niên quét mã bằng Zalo: ứng dụng mở ra và ghi nhận họ thuộc {join.ward.name}. In mã trên áp phích, gửi trong nhóm Zalo của phường.</p>
      <img className="invite-result__qr" src={join.qrDataUrl} alt={`Mã QR tham gia ${join.ward.name}`} data-testid="ward-qr-image" />
      <p className="invite-result__link" data-testid="ward-qr-link">
        {join.link}
      </p>
      <CopyLinkButton link={join.link} testId="ward-qr-copy" />
    </section>
  );
}
