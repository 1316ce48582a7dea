import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import type { CsvProblem, NewWard, NewWardResult, WardLevel } from "@contract/wards";
import { WARD_CSV_EXAMPLE, WARD_LEVEL_LABELS } from "@contract/wards-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState } from "../../components/states";
import { SendButton } from "../../components/send-button";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { CopyLinkButton } from "../../components/copy-link-button";
import { formatDate } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { createWard } from "./api";
import "./wards.css";

const LEVELS = Object.keys(WARD_LEVEL_LABELS) as WardLevel[];

/** City staff add a commune-level unit: its units from the standard template or a CSV, and its first staff's invitation. */
export function WardNewPage() {
  const role = useRole();
  return (
    <AppPage title="Thêm phường, xã" back testId="ward-new-page">
      {role === "city_staff" ? <WardForm /> : <EmptyState title="Chỉ cán bộ thành phố (Sở Nội vụ) thêm được phường, xã" />}
    </AppPage>
  );
}

interface Refusal {
  message: string;
  code: string;
  problems: CsvProblem[];
}

function WardForm() {
  const notify = useNotify();
  const [level, setLevel] = useState<WardLevel>("phuong");
  const [placeName, setPlaceName] = useState("");
  const [code, setCode] = useState("");
  const [source, setSource] = useState<"template" | "csv">("template");
  const [groups, setGroups] = useState("10");
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [result, setResult] = useState<NewWardResult | null>(null);
  const resultRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [result]);

  const title = `${WARD_LEVEL_LABELS[level].title} ${placeName.trim()}`;
  const groupCount = Number(groups);

  const review = () => {
    setRefusal(null);
    if (!placeName.trim()) return setFieldError("Vui lòng nhập tên phường, xã.");
    if (!/^[A-Za-z][A-Za-z0-9]{1,9}$/.test(code.trim())) return setFieldError("Mã gồm 2–10 chữ cái không dấu hoặc chữ số, bắt đầu bằng chữ cái (ví dụ HB).");
    if (source === "template" && !(Number.isInteger(groupCount) && groupCount >= 0 && groupCount <= 300)) return setFieldError("Số tổ dân phố, thôn từ 0 đến 300.");
    if (source === "csv" && !csv) return setFieldError("Vui lòng chọn tệp CSV danh sách đơn vị.");
    setFieldError(null);
    setReviewing(true);
  };

  const send = async () => {
    const body: NewWard =
      source === "template"
        ? { code: code.trim(), level, placeName: placeName.trim(), source, residentialGroups: groupCount }
        : { code: code.trim(), level, placeName: placeName.trim(), source, csv: csv!.text };
    try {
      const created = await createWard(body);
      setResult(created);
      notify.success(`Đã thêm ${created.ward.name}.`);
    } catch (e) {
      const err = toApiError(e);
      const problems = (err.details as { problems?: CsvProblem[] } | undefined)?.problems ?? [];
      // the form keeps everything typed and chosen: fix and send again
      setRefusal({ message: err.message, code: err.code, problems });
    } finally {
      setReviewing(false);
    }
  };

  if (result) {
    const inv = result.invitation;
    return (
      <section className="card ward-result" data-testid="ward-result" ref={resultRef}>
        <h3>Đã thêm {result.ward.name}</h3>
        <p className="muted" data-testid="ward-result-summary">
          Mã {result.ward.code} · {result.unitCount} đơn vị. Gửi lời mời dưới đây cho cán bộ phụ trách của phường, xã: người nhận mở đường dẫn (hoặc quét mã QR) trong Zalo và trở thành cán bộ đầu tiên.
        </p>
        <div className="ward-result__code" data-testid="ward-invite-code">
          {inv.code}
        </div>
        {inv.qrDataUrl && <img className="ward-result__qr" src={inv.qrDataUrl} alt={`Mã QR mời cán bộ ${result.ward.name}`} data-testid="ward-invite-qr" />}
        <p className="ward-result__link" data-testid="ward-invite-link">
          {inv.link}
        </p>
        <p className="muted">Hiệu lực đến {formatDate(inv.expiresAt)}.</p>
        <div className="row" style={{ justifyContent: "center" }}>
          <CopyLinkButton link={inv.link} done="Đã sao chép đường dẫn mời." testId="ward-invite-copy" />
          <Link to="/wards" className="link-button" data-testid="ward-result-back">
            Về danh sách phường, xã
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section className="card ward-form" data-testid="ward-form">
      <label className="field-label" htmlFor="ward-level">
        Cấp
      </label>
      <select id="ward-level" className="native-select" value={level} onChange={(e) => setLevel(e.target.value as WardLevel)} data-testid="ward-level">
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {WARD_LEVEL_LABELS[l].title}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor="ward-name">
        Tên (không kèm chữ “{WARD_LEVEL_LABELS[level].word}”)
      </label>
      <input id="ward-name" className="native-input" maxLength={80} placeholder="Ví dụ: Hồng Bàng" value={placeName} onChange={(e) => setPlaceName(e.target.value)} data-testid="ward-name" />
      <label className="field-label" htmlFor="ward-code">
        Mã (đứng trước mã các đơn vị của phường, xã: HB-DOAN…)
      </label>
      <input
        id="ward-code"
        className="native-input"
        maxLength={10}
        placeholder="Ví dụ: HB"
        value={code}
        onChange={(e) => setCode(e.target.value.toUpperCase())}
        aria-invalid={refusal?.code === "WARD_CODE_TAKEN"}
        data-testid="ward-code"
      />
      <span className="field-label">Các đơn vị</span>
      <div className="segmented" role="radiogroup" aria-label="Các đơn vị">
        {(["template", "csv"] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={source === s}
            className={`role-chip ${source === s ? "role-chip--active" : ""}`}
            onClick={() => setSource(s)}
            data-testid={`ward-source-${s}`}
          >
            {s === "template" ? "Theo mẫu chuẩn" : "Từ tệp CSV"}
          </button>
        ))}
      </div>
      {source === "template" ? (
        <>
          <p className="muted">
            Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội, Phòng Kinh tế, Công an, Ban Chỉ huy Quân sự, Ủy ban MTTQ, Đoàn Thanh niên, Hội LHTN, Trung tâm dịch vụ công,
            Trạm Y tế và các {level === "xa" ? "thôn" : "tổ dân phố"}; chỉ tiêu, nhiệm vụ được giao như Phường Lê Đại Hành.
          </p>
          <label className="field-label" htmlFor="ward-groups">
            Số {level === "xa" ? "thôn" : "tổ dân phố"}
          </label>
          <input id="ward-groups" className="native-input" type="number" min={0} max={300} value={groups} onChange={(e) => setGroups(e.target.value)} data-testid="ward-groups" />
        </>
      ) : (
        <>
          <p className="muted">Dòng đầu là tên cột; mỗi dòng sau là một đơn vị (mã không kèm mã phường, xã; để trống cột cấp trên nếu trực thuộc UBND). Ví dụ:</p>
          <div className="ward-csv-example">{WARD_CSV_EXAMPLE}</div>
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label="Tệp CSV danh sách đơn vị"
            data-testid="ward-csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setRefusal(null);
              setCsv(file ? { name: file.name, text: await file.text() } : null);
            }}
          />
          {csv && <p className="muted">Đã chọn {csv.name}.</p>}
        </>
      )}
      {fieldError && (
        <p className="field-error" role="alert" data-testid="ward-field-error">
          {fieldError}
        </p>
      )}
      {refusal && (
        <div className="field-error" role="alert" data-testid="ward-refusal">
          <p style={{ margin: 0 }}>{refusal.message}</p>
          {refusal.problems.length > 1 && (
            <ul className="ward-problems" data-testid="ward-problems">
              {refusal.problems.map((p, i) => (
                <li key={i}>
                  Dòng {p.row}
                  {p.column ? `, cột “${p.column}”` : ""}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!reviewing ? (
        <Button fullWidth onClick={review} data-testid="ward-review">
          Xem lại và thêm
        </Button>
      ) : (
        <div className="card" data-testid="ward-confirm">
          <p style={{ marginTop: 0 }}>
            Thêm <strong>{title}</strong> (mã {code.trim()}) với {source === "template" ? `các đơn vị theo mẫu chuẩn và ${groupCount} ${level === "xa" ? "thôn" : "tổ dân phố"}` : `các đơn vị trong tệp ${csv?.name}`}? Phường, xã đã thêm không xóa được.
          </p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setReviewing(false)} data-testid="ward-confirm-cancel">
              Sửa lại
            </Button>
            <SendButton size="small" onSend={send} data-testid="ward-confirm-ok">
              Thêm phường, xã
            </SendButton>
          </div>
        </div>
      )}
    </section>
  );
}
