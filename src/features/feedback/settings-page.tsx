import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import type { FeedbackCategory } from "@contract/feedback";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { useRole } from "../../lib/session-store";
import { fetchCategories, updateCategory } from "./feedback-api";
import { useReferenceStore } from "./use-reference";
import "./feedback.css";

/**
 * Each category's answer time in working days (default 5): the city's, shared by every ward — city
 * staff set it, a ward's staff read it here (with the holidays it counts).
 */
export function FeedbackSettingsPage() {
  const role = useRole();
  const notify = useNotify();
  const [cats, setCats] = useState<FeedbackCategory[] | null>(null);
  const [days, setDays] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<number | null>(null);

  const load = () => {
    setError(null);
    fetchCategories().then((c) => {
      setCats(c);
      setDays(Object.fromEntries(c.map((x) => [x.id, String(x.answerDays)])));
    }, setError);
  };
  useEffect(load, []);

  if (role !== "staff" && role !== "city_staff") {
    return (
      <AppPage title="Thời hạn trả lời" back>
        <EmptyState title="Chỉ cán bộ phường, xã và cán bộ thành phố xem được thời hạn trả lời" />
      </AppPage>
    );
  }
  const editable = role === "city_staff";
  return (
    <AppPage title="Thời hạn trả lời" back testId="feedback-settings">
      <p className="muted fb-small">Số ngày làm việc (không tính thứ Bảy, Chủ nhật và ngày lễ) để trả lời góp ý của từng lĩnh vực. Áp dụng cho góp ý gửi từ nay.</p>
      {!editable && (
        <p className="muted fb-small" data-testid="settings-city-note">
          Thời hạn trả lời do Sở Nội vụ quy định chung cho mọi phường, xã.
        </p>
      )}
      <Link className="card row row--between fb-card" to="/holidays" data-testid="open-holidays">
        <span>Ngày nghỉ lễ, ngày làm bù</span>
        <span aria-hidden="true">›</span>
      </Link>
      {!cats && !error && <Skeleton rows={2} />}
      {!!error && <ErrorState message={errorMessage(error)} onRetry={load} />}
      {cats?.map((c) => {
        const value = Number(days[c.id]);
        const valid = Number.isInteger(value) && value >= 1 && value <= 60;
        return (
          <div key={c.id} className="card row row--between fb-card">
            <span>{c.name}</span>
            {!editable && <span data-testid={`answer-days-${c.id}`}>{c.answerDays} ngày làm việc</span>}
            {editable && (
              <span className="row">
                <input
                  className="fb-input"
                  style={{ width: 72 }}
                  type="number"
                  min={1}
                  max={60}
                  aria-label={`Số ngày làm việc cho ${c.name}`}
                  value={days[c.id] ?? ""}
                  onChange={(e) => setDays({ ...days, [c.id]: e.target.value })}
                />
                <Button
                  size="small"
                  variant="secondary"
                  loading={saving === c.id}
                  disabled={!valid || value === c.answerDays}
                  onClick={async () => {
                    setSaving(c.id);
                    try {
                      const updated = await updateCategory(c.id, { answerDays: value });
                      setCats(cats.map((x) => (x.id === c.id ? updated : x)));
                      useReferenceStore.setState({ categories: null });
                      notify.success(`Đã lưu: ${updated.name} trả lời trong ${updated.answerDays} ngày làm việc.`);
                    } catch (err) {
                      notify.error(err);
                    } finally {
                      setSaving(null);
                    }
                  }}
                >
                  Lưu
                </Button>
              </span>
            )}
          </div>
        );
      })}
    </AppPage>
  );
}
