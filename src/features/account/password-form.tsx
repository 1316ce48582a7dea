import { useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { ApiError, toApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { useNotify } from "../../components/use-notify";

/** Staff sign-in for desktop browsers: username and password, with the server's clear refusals. */
export function PasswordForm() {
  const passwordSignIn = useSession((s) => s.passwordSignIn);
  const notify = useNotify();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(new ApiError(400, "REQUIRED", "Vui lòng nhập tên đăng nhập và mật khẩu."));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await passwordSignIn(username.trim(), password);
      notify.success("Đăng nhập thành công.");
    } catch (err) {
      setError(toApiError(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  const locked = error?.code === "ACCOUNT_LOCKED" || error?.code === "TOO_MANY_REQUESTS";
  return (
    <form className="card" onSubmit={submit} data-testid="password-form" noValidate>
      <h3>Cán bộ đăng nhập</h3>
      <p className="muted">Dành cho cán bộ phường dùng máy tính. Thanh niên mở ứng dụng trong Zalo để đăng nhập tự động.</p>
      <label className="field-label" htmlFor="signin-username">
        Tên đăng nhập
      </label>
      <input
        id="signin-username"
        className="native-input"
        autoComplete="username"
        autoCapitalize="none"
        maxLength={64}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        data-testid="password-username"
      />
      <label className="field-label" htmlFor="signin-password">
        Mật khẩu
      </label>
      <input
        id="signin-password"
        className="native-input"
        type="password"
        autoComplete="current-password"
        maxLength={200}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        data-testid="password-password"
      />
      {error && (
        <p className={`field-error ${locked ? "account-locked" : ""}`} role="alert" data-testid="password-error">
          {error.message}
        </p>
      )}
      <Button htmlType="submit" fullWidth loading={busy} data-testid="password-submit">
        Đăng nhập
      </Button>
    </form>
  );
}
