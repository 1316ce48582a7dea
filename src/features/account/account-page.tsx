import { Avatar, Button, Text } from "zmp-ui";
import { ROLE_LABELS } from "@contract/identity-labels";
import { AppPage } from "../../components/app-page";
import { Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { useSession } from "../../lib/session-store";
import { DevRoleChooser } from "./dev-role-chooser";

export function AccountPage() {
  const { status, me, config, signOut } = useSession();
  const notify = useNotify();

  return (
    <AppPage title="Cá nhân" testId="account-page">
      {status === "loading" && <Skeleton rows={1} />}
      {me && (
        <section className="card profile" data-testid="profile">
          <Avatar src={me.avatarUrl ?? undefined}>{me.name.slice(0, 1)}</Avatar>
          <div>
            <div className="profile__name">{me.name}</div>
            <Text size="small" data-testid="profile-role">
              {ROLE_LABELS[me.role]}
            </Text>
            {me.unit && <Text size="small">{me.unit.name}</Text>}
          </div>
        </section>
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
      {status === "anonymous" && (
        <section className="card">
          <h3>Bạn chưa đăng nhập</h3>
          <p className="muted">Mở ứng dụng trong Zalo để đăng nhập tự động.</p>
        </section>
      )}
      {status === "anonymous" && config?.devSignIn && <DevRoleChooser />}
    </AppPage>
  );
}
