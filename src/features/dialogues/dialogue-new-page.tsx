import { DateInput, TimeInput } from "../../components/date-input";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { DIALOGUE_LIMITS } from "@contract/dialogues-labels";
import { AppPage } from "../../components/app-page";
import { toApiError } from "../../lib/api-client";
import { instantFromInput } from "../../lib/dates";
import { dialoguesApi } from "./api";

/** Staff announce a dialogue; fewer than 30 days ahead is warned and needs a confirmation. */
export function DialogueNewPage() {
  const navigate = useNavigate();
  const [f, setF] = useState({ title: `Chủ tịch UBND phường đối thoại với thanh niên`, date: "", time: "08:00", place: "", presidedBy: "Chủ tịch UBND phường", close: "" });
  const [warning, setWarning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<typeof f>) => {
    setF((x) => ({ ...x, ...p }));
    setWarning(null);
  };

  async function submit(acknowledgeShortNotice: boolean) {
    const heldAt = instantFromInput(f.date, f.time);
    const questionsCloseAt = instantFromInput(f.close);
    if (!heldAt || !questionsCloseAt) return setError("Vui lòng chọn ngày giờ đối thoại và hạn gửi câu hỏi.");
    setBusy(true);
    setError(null);
    try {
      const d = await dialoguesApi.create({ title: f.title, heldAt, place: f.place, presidedBy: f.presidedBy, questionsCloseAt, acknowledgeShortNotice });
      navigate(`/dialogues/${d.id}`, { replace: true });
    } catch (err) {
      const e = toApiError(err);
      if (e.code === "SHORT_NOTICE") setWarning(e.message);
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AppPage title="Công bố đối thoại" back testId="dialogue-new-page">
      <form
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <label className="field-label" htmlFor="dl-title">
          Tên buổi đối thoại
        </label>
        <input id="dl-title" className="native-input" value={f.title} onChange={(e) => set({ title: e.target.value })} data-testid="dl-title" />
        <div className="row">
          <div className="field-label" style={{ flex: 2 }}>
            Ngày đối thoại
            <DateInput label="Ngày đối thoại" value={f.date} onChange={(date) => set({ date })} testId="dl-date" />
          </div>
          <div className="field-label" style={{ flex: 1 }}>
            Giờ
            <TimeInput label="Giờ" value={f.time} onChange={(time) => set({ time })} testId="dl-time" />
          </div>
        </div>
        <label className="field-label" htmlFor="dl-place">
          Địa điểm
        </label>
        <input id="dl-place" className="native-input" value={f.place} onChange={(e) => set({ place: e.target.value })} data-testid="dl-place" />
        <label className="field-label" htmlFor="dl-chair">
          Người chủ trì
        </label>
        <input id="dl-chair" className="native-input" value={f.presidedBy} onChange={(e) => set({ presidedBy: e.target.value })} />
        <label className="field-label" htmlFor="dl-close">
          Hạn cuối gửi câu hỏi
        </label>
        <DateInput id="dl-close" value={f.close} onChange={(close) => set({ close })} testId="dl-close" />
        <p className="muted">Kế hoạch đối thoại cần công khai trước ít nhất {DIALOGUE_LIMITS.noticeDays} ngày. Thông báo được đăng lên bảng tin của thanh niên.</p>
        {error && (
          <div className="banner banner--bad" role="alert" data-testid="dl-error">
            {error}
          </div>
        )}
        {warning ? (
          <>
            <div className="banner banner--warn" role="alert" data-testid="dl-warning">
              {warning}
            </div>
            <Button fullWidth loading={busy} onClick={() => void submit(true)} data-testid="dl-confirm-short">
              Vẫn công bố
            </Button>
          </>
        ) : (
          <Button htmlType="submit" fullWidth loading={busy} data-testid="dl-submit">
            Công bố
          </Button>
        )}
      </form>
    </AppPage>
  );
}
