import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { DifficultyDetail } from "@contract/difficulties";
import { DIFFICULTY_KIND_LABELS } from "@contract/difficulties-labels";
import { AppPage } from "../../components/app-page";
import { ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { difficultiesApi } from "./api";
import { StatePill } from "./state-pill";

/** One difficulty or proposal: what the unit wrote and what became of it; staff handle it here. */
export function DifficultyPage() {
  const id = Number(useParams().id);
  const role = useRole();
  const { data, error, reload, setData } = useLoad(() => difficultiesApi.get(id), [id]);
  return (
    <AppPage title="Khó khăn, đề xuất" back testId="difficulty-page">
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={2} />}
      {data && (
        <>
          <section className="card stack">
            <span className="muted">
              {DIFFICULTY_KIND_LABELS[data.kind]} · {data.unit.name} · báo cáo năm {data.year}
            </span>
            <p className="pre-line" data-testid="difficulty-text">
              {data.text}
            </p>
            <div className="row">
              <StatePill state={data.state} />
              {data.theme && <span className="pill pill--muted">{data.theme.name}</span>}
            </div>
            {data.mergedInto && (
              <p className="muted">
                Được theo dõi chung với nội dung của {data.mergedInto.unitName}:{" "}
                {role === "focal" ? `“${data.mergedInto.text}”` : <Link to={`/difficulties/${data.mergedInto.id}`}>“{data.mergedInto.text}”</Link>}
              </p>
            )}
            {data.forwardedTo && (
              <p data-testid="difficulty-forwarded">
                Đã chuyển tới <b>{data.forwardedTo}</b>
                {data.forwardedAt ? ` ngày ${formatDate(data.forwardedAt)}` : ""}.
              </p>
            )}
            {data.answer && (
              <div className="banner banner--ok" data-testid="difficulty-answer">
                Kết quả giải quyết{data.resolvedAt ? ` (${formatDate(data.resolvedAt)})` : ""}: {data.answer}
              </div>
            )}
            {data.merged.length > 0 && (
              <>
                <div className="field-label">Các nội dung trùng đã gộp vào đây</div>
                <ul className="muted">
                  {data.merged.map((m) => (
                    <li key={m.id}>
                      {m.unit.name}: {m.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {role === "staff" && !data.mergedInto && <StaffActions item={data} onChange={setData} />}
        </>
      )}
    </AppPage>
  );
}

function StaffActions({ item, onChange }: { item: DifficultyDetail; onChange: (d: DifficultyDetail) => void }) {
  const notify = useNotify();
  const navigate = useNavigate();
  const themes = useLoad(() => difficultiesApi.themes(), []);
  const others = useLoad(() => difficultiesApi.list({ year: item.year, kind: item.kind }), [item.year, item.kind]);
  const [to, setTo] = useState(item.forwardedTo ?? "");
  const [answer, setAnswer] = useState("");
  const [into, setInto] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);

  async function act(key: string, fn: () => Promise<DifficultyDetail>, ok: string) {
    setBusy(key);
    try {
      onChange(await fn());
      notify.success(ok);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(null);
    }
  }

  const candidates = (others.data?.items ?? []).filter((o) => o.id !== item.id && !o.mergedInto);
  return (
    <section className="card stack" data-testid="difficulty-actions">
      <label className="field-label" htmlFor="difficulty-theme">
        Chủ đề
      </label>
      <select
        id="difficulty-theme"
        className="native-select"
        data-testid="difficulty-theme"
        value={item.theme?.id ?? 0}
        onChange={(e) => void act("theme", () => difficultiesApi.setTheme(item.id, Number(e.target.value) || null), "Đã gắn chủ đề.")}
      >
        <option value={0}>Chưa phân loại</option>
        {themes.data?.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {item.state !== "resolved" && (
        <>
          <label className="field-label" htmlFor="difficulty-to">
            Chuyển cấp có thẩm quyền (nơi nhận)
          </label>
          <input id="difficulty-to" className="native-input" data-testid="difficulty-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="Ví dụ: UBND phường, Sở Nội vụ" />
          <Button size="small" variant="secondary" loading={busy === "forward"} disabled={to.trim().length < 2} data-testid="difficulty-forward" onClick={() => void act("forward", () => difficultiesApi.forward(item.id, to), "Đã ghi nhận chuyển cấp có thẩm quyền.")}>
            Ghi nhận đã chuyển
          </Button>
        </>
      )}
      <label className="field-label" htmlFor="difficulty-answer">
        Kết quả giải quyết
      </label>
      <textarea id="difficulty-answer" className="native-textarea" data-testid="difficulty-answer-input" value={answer} onChange={(e) => setAnswer(e.target.value)} />
      <Button size="small" loading={busy === "resolve"} disabled={answer.trim().length < 10} data-testid="difficulty-resolve" onClick={() => void act("resolve", () => difficultiesApi.resolve(item.id, answer), "Đã ghi nhận kết quả; đơn vị được thông báo.")}>
        Ghi nhận đã giải quyết
      </Button>
      {candidates.length > 0 && (
        <>
          <label className="field-label" htmlFor="difficulty-merge">
            Gộp vào mục trùng
          </label>
          <select id="difficulty-merge" className="native-select" data-testid="difficulty-merge" value={into} onChange={(e) => setInto(Number(e.target.value))}>
            <option value={0}>— Chọn mục —</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.unit.name}: {c.text.slice(0, 80)}
              </option>
            ))}
          </select>
          <Button size="small" variant="tertiary" disabled={!into} loading={busy === "merge"} onClick={() =>
              void act(
                "merge",
                async () => {
                  // the follow-up continues on the item it was merged into
                  const target = await difficultiesApi.merge(item.id, into);
                  navigate(`/difficulties/${target.id}`, { replace: true });
                  return target;
                },
                "Đã gộp mục trùng.",
              )
            }
          >
            Gộp
          </Button>
        </>
      )}
    </section>
  );
}
