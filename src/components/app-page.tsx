import type { ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { Page } from "zmp-ui";
import { AppIcon } from "./app-icon";

/**
 * A screen: a sticky title bar (with a back button on inner pages) and scrollable content,
 * leaving room for the bottom navigation.
 */
export function AppPage(props: { title: string; back?: boolean; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  // The first screen of a visit (a deep link from a Zalo message, a shared notice, a reload) has
  // key "default": there is nothing behind it, so back goes home instead of nowhere.
  const firstScreen = useLocation().key === "default";
  const goBack = () => (firstScreen ? navigate("/", { replace: true }) : navigate(-1));
  return (
    <Page className="app-page" data-testid={props.testId}>
      <header className="app-header">
        {props.back && (
          <button type="button" className="app-header__back" aria-label="Quay lại" onClick={goBack}>
            <AppIcon name="back" size={22} />
          </button>
        )}
        <h1 className="app-header__title">{props.title}</h1>
        {props.actions && <div className="app-header__actions">{props.actions}</div>}
      </header>
      <main className="app-content">{props.children}</main>
    </Page>
  );
}
