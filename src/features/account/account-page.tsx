import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Avatar, Button, Text } from "zmp-ui";
import { ROLE_LABELS } from "@contract/identity-labels";
import { AppPage } from "../../components/app-page";
import { Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { useSession } from "../../lib/session-store";
import { isInZalo } from "../../lib/zalo";
import { DevRoleChooser } from "./dev-role-chooser";
import { PasswordForm } from "./password-form";
import { ConsentCard } from "./consent-card";
import { PhoneCard } from "./phone-card";
import { InvitationCard } from "./invitation-card";
import { WardCard } from "./ward-card";
import { WardLine } from "./ward-change";
import { ConfirmModal } from "../../components/confirm-modal";
import { updateMe } from "./api";
import "./account.css";

/** The avatar URL while it loads; null once it failed (an expired Zalo picture), so the initial shows. */
function useWorkingImage(src: string | null | undefined): string | undefined {
  const [broken, setBroken] = useState<string | null>(null);
  useEffect(() => {
    if (!src) return;
    const img = new Image();
    img.onerror = () => setBroken(src);
    img.src = src;
    return () => {
      img.onerror = null;
    };
  }, [src]);
  return src && src !== broken ? src : undefined;
}

export function AccountPage() {
  const { status, me, config, signOut, signInError, sessionNotice, zaloSignIn, applyMe } = useSession();
  const notify = useNotify();
  const [retrying, setRetrying] = useState(false);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const inZalo = isInZalo();
  const avatar = useWorkingImage(me?.avatarUrl);

  const withdraw = async () => {
    try {
      applyMe(await updateMe({ consent: false }));
      notify.info("Đã ngừng dùng tên và ảnh đại diện Zalo.");
    } catch (e) {
      notify.error(e);
    } finally {
      setConfirmWithdraw(false);
    }
  };

  return (
    <AppPage title="Cá nhân" testId="account-page">
      {status === "loading" && <Skeleton rows={1} />}
      {status === "anonymous" && sessionNotice && !signInError && (
        <p className="card session-notice" role="status" data-testid="session-notice">
          {sessionNotice}
        </p>
      )}
      <InvitationCard />
      <WardCard />
      {me && (
        <section className="card profile" data-testid="profile">
          <Avatar src={avatar}>{me.name.slice(0, 1)}</Avatar>
          <div className="profile__body">
            <div className="profile__name" data-testid="profile-name">
              {me.name}
            </div>
            <Text size="small" data-testid="profile-role">
              {ROLE_LABELS[me.role]}
            </Text>
            {me.unit && (
              <Text size="small" data-testid="profile-unit">
                {me.unit.name}
              </Text>
            )}
            <WardLine />
            {me.consented && inZalo && (
              <button type="button" className="link-button" onClick={() => setConfirmWithdraw(true)} data-testid="consent-withdraw">
                Ngừng dùng tên và ảnh Zalo
              </button>
            )}
          </div>
        </section>
      )}
      <ConsentCard />
      <PhoneCard />
      {me?.role === "staff" && (
        <nav className="card account-links" aria-label="Quản trị" data-testid="staff-links">
          <h3>Quản trị</h3>
          <Link to="/account/users" className="account-link" data-testid="link-users">
            Quản lý người dùng
          </Link>
          <Link to="/account/invite" className="account-link" data-testid="link-invite">
            Mời đầu mối
          </Link>
          <Link to="/account/ward-qr" className="account-link" data-testid="link-ward-qr">
            Mã QR cho thanh niên của phường
          </Link>
        </nav>
      )}
      {me?.role === "city_staff" && (
        <nav className="card account-links" aria-label="Quản trị thành phố" data-testid="city-links">
          <h3>Quản trị thành phố</h3>
          <Link to="/wards" className="account-link" data-testid="link-wards">
            Phường, xã và thêm phường, xã
          </Link>
          <Link to="/account/users" className="account-link" data-testid="link-users">
            Người dùng của các phường, xã
          </Link>
          <Link to="/account/invite" className="account-link" data-testid="link-invite">
            Mời cán bộ phường, xã
          </Link>
        </nav>
      )}
      {me && (
        <Button
          variant="secondary"
          type="danger"
          fullWidth
          data-testid="sign-out"
          onClick={async () => {
            await signOut();
            notify.info("Bạn đã đăng xuất.");
          }}
        >
          Đăng xuất
        </Button>
      )}
      {status === "anonymous" && inZalo && (
        <section className="card" data-testid="zalo-signin">
          <h3>{signInError ? "Chưa đăng nhập được bằng Zalo" : "Bạn chưa đăng nhập"}</h3>
          <p className="muted">{signInError ?? "Đăng nhập bằng tài khoản Zalo của bạn để gửi góp ý và xác nhận thông báo."}</p>
          <Button
            size="small"
            loading={retrying}
            onClick={async () => {
              setRetrying(true);
              await zaloSignIn();
              setRetrying(false);
            }}
          >
            {signInError ? "Thử lại" : "Đăng nhập bằng Zalo"}
          </Button>
        </section>
      )}
      {status === "anonymous" && !inZalo && <PasswordForm />}
      {status === "anonymous" && config?.devSignIn && <DevRoleChooser />}
      <ConfirmModal
        visible={confirmWithdraw}
        title="Ngừng dùng tên và ảnh Zalo?"
        description="Tài khoản của bạn sẽ hiện với tên “Thanh niên” và không có ảnh đại diện."
        confirmText="Đồng ý"
        onConfirm={withdraw}
        onCancel={() => setConfirmWithdraw(false)}
      />
    </AppPage>
  );
}
