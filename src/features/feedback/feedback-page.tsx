import { Link, useSearchParams } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { useRole } from "../../lib/session-store";
import { MyList } from "./my-list";
import { PublicList } from "./public-list";
import { SendForm } from "./send-form";
import { useReference } from "./use-reference";
import "./feedback.css";

const TABS = [
  { key: "public", label: "Góp ý công khai" },
  { key: "send", label: "Gửi góp ý" },
  { key: "mine", label: "Góp ý của tôi" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

export function FeedbackPage() {
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS.find((t) => t.key === params.get("tab"))?.key ?? "public") as TabKey;
  const setTab = (key: TabKey) => setParams(key === "public" ? {} : { tab: key }, { replace: true });
  const ref = useReference();
  const role = useRole();
  const handler = role === "staff" || role === "observer" || role === "focal";

  return (
    <AppPage title="Góp ý" testId="feedback-page">
      {handler && (
        <Link to="/feedback/inbox" className="card list-link" data-testid="open-inbox">
          <span className="list-link__title">Hộp thư xử lý góp ý</span>
          <span className="list-link__meta">
            {role === "observer" ? "Theo dõi, giám sát (chỉ xem)" : role === "focal" ? "Góp ý giao cho đơn vị của bạn" : "Tiếp nhận, phân công, trả lời"}
          </span>
        </Link>
      )}
      <div className="fb-tabs" role="tablist">
        {/* the observer follows read-only: no "send" tab */}
        {TABS.filter((t) => !(role === "observer" && t.key === "send")).map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} data-testid={`fb-tab-${t.key}`} onClick={() => setTab(t.key)}>
            {t.label}
          </button>
        ))}
      </div>
      {!ref.categories && !ref.error && <Skeleton rows={2} />}
      {!!ref.error && <ErrorState message={errorMessage(ref.error)} onRetry={ref.retry} />}
      {ref.categories && tab === "public" && <PublicList categories={ref.categories} />}
      {ref.categories && tab === "send" && <SendForm categories={ref.categories} groups={ref.groups} onShowMine={() => setTab("mine")} />}
      {tab === "mine" && <MyList />}
    </AppPage>
  );
}
