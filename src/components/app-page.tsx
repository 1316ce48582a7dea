import type { ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { Page } from "zmp-ui";
import { AppIcon } from "./app-icon";

/**
 * A screen: a sticky title bar (with a back button on inner pages) and scrollable content,
 * leaving room for the bottom navigation.
 */
export function AppPage(props: { title: string; back?: boolean; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  return (
    <Page className="app-page" data-testid={props.testId}>
      <header className="app-header">
        {props.back && (
          <button type="button" className="app-header__back" aria-label="Quay lại" onClick={() => navigate(-1)}>
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
