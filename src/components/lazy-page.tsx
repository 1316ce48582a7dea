import { Component, Suspense, lazy, type ComponentType, type ReactElement, type ReactNode } from "react";
import { ErrorState, Skeleton } from "./states";

/**
 * A route's screen loaded on demand: its code is a chunk of its own, fetched the first time the
 * screen opens, so a phone opening the app downloads only the first screen. Use it in a feature's
 * routes.tsx:
 *
 *   { path: "/announcements", element: lazyPage(() => import("./feed-page").then((m) => m.FeedPage)) }
 *
 * (`import()` must name the module literally so the bundler can split it.)
 */
export function lazyPage(load: () => Promise<ComponentType>): ReactElement {
  const Screen = lazy(() => load().then((C) => ({ default: C })));
  return (
    <ChunkBoundary>
      <Suspense fallback={<PageLoading />}>
        <Screen />
      </Suspense>
    </ChunkBoundary>
  );
}

/** What shows while a screen's code arrives: the frame of a screen with grey rows. */
export function PageLoading() {
  return (
    <div className="app-page" data-testid="page-loading">
      <header className="app-header" aria-hidden="true" />
      <main className="app-content">
        <Skeleton rows={3} />
      </main>
    </div>
  );
}

/**
 * A screen whose code cannot be fetched (offline, or a new version replaced the files): say so and
 * offer to reload, instead of a blank page.
 */
class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="app-page">
        <header className="app-header" aria-hidden="true" />
        <main className="app-content">
          <ErrorState message="Không tải được màn hình này. Vui lòng kiểm tra kết nối mạng rồi thử lại." onRetry={() => window.location.reload()} />
        </main>
      </div>
    );
  }
}
