import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { FeedbackDetail, FeedbackPhoto, FeedbackStatus } from "@contract/feedback";
import { FEEDBACK_LIMITS, FEEDBACK_STATUSES_NEEDING_REASON, FEEDBACK_STATUS_LABELS, FEEDBACK_STATUS_ORDER } from "@contract/feedback-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { ApiError, errorMessage, toApiError } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { pickFiles } from "../../lib/zalo";
import { AnswerView, ConfirmButton, DueDate, PhotoGrid, PlainText, StatusPill } from "./components";
import { fetchDetail, patchFeedback, postAnswer, postNote, uploadFile, type UploadedFile } from "./feedback-api";
import { Reactions } from "./public-list";
import { useReference } from "./use-reference";
import "./feedback.css";

export function FeedbackDetailPage() {
  const id = Number(useParams().id);
  const [detail, setDetail] = useState<FeedbackDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    // A malformed link is "not found", like a missing item.
    if (!Number.isInteger(id) || id <= 0) return setError(new ApiError(404, "FEEDBACK_NOT_FOUND", "Không tìm thấy góp ý này."));
    fetchDetail(id).then(setDetail, setError);
  }, [id]);
  useEffect(load, [load]);

  const notFound = !!error && toApiError(error).status === 404;
  return (
    <AppPage title={detail ? `Góp ý ${detail.item.code}` : "Chi tiết góp ý"} back testId="feedback-detail">
      {!detail && !error && <Skeleton rows={2} />}
      {notFound && <EmptyState title="Không tìm thấy góp ý">Góp ý không tồn tại hoặc bạn không có quyền xem.</EmptyState>}
      {!!error && !notFound && <ErrorState message={errorMessage(error)} onRetry={load} />}
      {detail && <DetailBody detail={detail} onChange={setDetail} />}
    </AppPage>
  );
}

function DetailBody({ detail, onChange }: { detail: FeedbackDetail; onChange: (d: FeedbackDetail) => void }) {
  const notify = useNotify();
  const { item, viewer } = detail;
  const [photoToHide, setPhotoToHide] = useState<FeedbackPhoto | null>(null);
  const act = async (fn: () => Promise<FeedbackDetail>, done: string) => {
    try {
      onChange(await fn());
      notify.success(done);
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <div className="stack">
      <section className="card fb-card">
        <div className="fb-card__head">
          <span className="fb-code" data-testid="detail-code">
            {item.code}
          </span>
          {detail.scope === "full" && <StatusPill status={item.status} />}
        </div>
        <div className="fb-meta">
          <span>{item.category.name}</span>
          <span>· Gửi {formatDateTime(item.createdAt)}</span>
          {item.place && <span>· {item.place.name}</span>}
        </div>
        <div className="fb-meta">
          <span data-testid="detail-sender">
            {item.senderName ? `Người gửi: ${item.senderName}` : "Người gửi ẩn danh"}
            {detail.scope === "full" && item.anonymous ? " (ẩn danh với công chúng)" : ""}
          </span>
        </div>
        <PlainText text={item.content} />
        <PhotoGrid
          photos={detail.photos}
          itemHidden={detail.scope === "full" && item.hidden}
          reviewItemId={detail.scope === "full" ? item.id : undefined}
          onHide={
            viewer.canManage
              ? (p) => setPhotoToHide(p)
              : undefined
          }
          onShow={viewer.canManage ? (p) => void act(() => patchFeedback(item.id, { showPhotoId: p.id }), "Đã hiện lại ảnh.") : undefined}
        />
        {detail.scope === "full" && (
          <div className="fb-meta">
            {(item.status === "received" || item.status === "in_progress") && <DueDate dueAt={item.dueAt} overdue={item.overdue} />}
            {item.assignedUnit && <span data-testid="detail-unit">Đơn vị xử lý: {item.assignedUnit.name}</span>}
            <span>{item.allowPublic ? "Cho phép công khai" : "Không công khai"}</span>
          </div>
        )}
        {item.hidden && <div className="fb-banner fb-banner--bad">Góp ý đang bị ẩn khỏi danh sách công khai{item.flagsCount ? ` (${item.flagsCount} báo cáo vi phạm)` : ""}.</div>}
        {item.statusReason && <div className="fb-banner fb-banner--warn">Lý do: {item.statusReason}</div>}
      </section>

      <section className="stack">
        <div className="fb-section-title">Trả lời</div>
        {detail.answers.length === 0 ? (
          <p className="muted">Chưa có câu trả lời. {item.status === "received" || item.status === "in_progress" ? `Hạn trả lời: ${formatDate(item.dueAt)}.` : ""}</p>
        ) : (
          detail.answers.map((a) => <AnswerView key={a.id} answer={a} />)
        )}
      </section>

      {detail.scope === "public" && (
        <Reactions
          item={{ id: item.id, supportsCount: item.supportsCount, supported: viewer.supported, flagged: viewer.flagged }}
          onChange={(patch) =>
            onChange({
              ...detail,
              item: { ...item, supportsCount: patch.supportsCount ?? item.supportsCount },
              viewer: { ...viewer, supported: patch.supported ?? viewer.supported, flagged: patch.flagged ?? viewer.flagged },
            })
          }
        />
      )}

      <Modal visible={!!photoToHide} title="Ẩn ảnh" onClose={() => setPhotoToHide(null)}>
        <p>Ảnh sẽ bị gỡ khỏi nơi công khai: đường dẫn ảnh không mở được nữa. Người gửi và cán bộ xử lý vẫn xem được ảnh (đánh dấu "Đã ẩn") và có thể bấm "Hiện lại".</p>
        <div className="row fb-modal-actions">
          <Button size="small" variant="secondary" onClick={() => setPhotoToHide(null)}>
            Hủy
          </Button>
          <Button
            size="small"
            type="danger"
            data-testid="hide-photo-confirm"
            onClick={() => {
              const p = photoToHide!;
              setPhotoToHide(null);
              void act(() => patchFeedback(item.id, { hidePhotoId: p.id }), "Đã ẩn ảnh.");
            }}
          >
            Ẩn ảnh
          </Button>
        </div>
      </Modal>

      {viewer.canManage && <ManagePanel key={`${item.status}|${item.assignedUnit?.id ?? ""}|${item.statusReason ?? ""}`} detail={detail} act={act} />}
      {viewer.canAnswer && <AnswerForm id={item.id} onDone={onChange} />}
      {detail.notes && <NotesPanel detail={detail} onChange={onChange} />}
    </div>
  );
}

function ManagePanel({ detail, act }: { detail: FeedbackDetail; act: (fn: () => Promise<FeedbackDetail>, done: string) => Promise<void> }) {
  const { item } = detail;
  const { units } = useReference();
  const [unitId, setUnitId] = useState<number | "">(item.assignedUnit?.id ?? "");
  const [status, setStatus] = useState<FeedbackStatus>(item.status);
  const [reason, setReason] = useState("");
  const needsReason = FEEDBACK_STATUSES_NEEDING_REASON.includes(status);
  const assignable = units.filter((u) => u.kind !== "ward");

  return (
    <section className="card fb-form" data-testid="manage-panel">
      <div className="fb-section-title">Xử lý</div>
      <label className="field-label" htmlFor="fb-assign">
        Giao cho đơn vị
      </label>
      <div className="row">
        <select id="fb-assign" className="native-select fb-input" data-testid="assign-unit" value={unitId} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : "")}>
          <option value="">— Chưa giao —</option>
          {assignable.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <Button
          size="small"
          data-testid="assign-submit"
          disabled={(unitId || null) === (item.assignedUnit?.id ?? null)}
          onClick={() => void act(() => patchFeedback(item.id, { assignedUnitId: unitId === "" ? null : unitId }), "Đã giao góp ý cho đơn vị.")}
        >
          Giao
        </Button>
      </div>

      <label className="field-label" htmlFor="fb-status">
        Trạng thái
      </label>
      <select id="fb-status" className="native-select fb-input" data-testid="status-select" value={status} onChange={(e) => setStatus(e.target.value as FeedbackStatus)}>
        {FEEDBACK_STATUS_ORDER.filter((s) => s !== "answered" || item.status === "answered").map((s) => (
          <option key={s} value={s} disabled={s === "answered"}>
            {FEEDBACK_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {needsReason && (
        <textarea
          className="native-textarea fb-input"
          data-testid="status-reason"
          rows={3}
          placeholder="Lý do (bắt buộc, người gửi sẽ thấy)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {needsReason && reason.trim().length > 0 && reason.trim().length < FEEDBACK_LIMITS.reasonMin && (
        <div className="field-error">Lý do cần ít nhất {FEEDBACK_LIMITS.reasonMin} ký tự.</div>
      )}
      <Button
        size="small"
        variant="secondary"
        data-testid="status-submit"
        disabled={status === item.status || status === "answered" || (needsReason && reason.trim().length < FEEDBACK_LIMITS.reasonMin)}
        onClick={() => void act(() => patchFeedback(item.id, needsReason ? { status: status as Exclude<FeedbackStatus, "answered">, reason: reason.trim() } : { status: status as Exclude<FeedbackStatus, "answered"> }), "Đã cập nhật trạng thái.")}
      >
        Cập nhật trạng thái
      </Button>

      <div className="fb-actions">
        {item.hidden ? (
          <Button size="small" variant="secondary" data-testid="unhide-item" onClick={() => void act(() => patchFeedback(item.id, { hidden: false }), "Đã hiện lại góp ý.")}>
            Hiện lại góp ý
          </Button>
        ) : (
          <ConfirmButton
            label="Ẩn góp ý"
            title="Ẩn góp ý"
            message="Góp ý sẽ không còn hiện ở danh sách công khai và đường dẫn ảnh kèm theo không mở được nữa. Người gửi vẫn xem được góp ý của mình."
            confirmLabel="Ẩn"
            testId="hide-item"
            danger
            onConfirm={() => act(() => patchFeedback(item.id, { hidden: true }), "Đã ẩn góp ý.")}
          />
        )}
      </div>
    </section>
  );
}

function AnswerForm({ id, onDone }: { id: number; onDone: (d: FeedbackDetail) => void }) {
  const notify = useNotify();
  const [text, setText] = useState("");
  const [isPublic, setIsPublic] = useState(true);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const len = text.trim().length;
  const tooShort = len < FEEDBACK_LIMITS.answerMin;

  return (
    <section className="card fb-form" data-testid="answer-form">
      <div className="fb-section-title">Trả lời người gửi</div>
      <textarea
        className="native-textarea fb-input"
        data-testid="answer-text"
        rows={5}
        placeholder="Nội dung trả lời cụ thể: đã làm gì, khi nào, ai phụ trách"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="fb-counter">
        {len}/{FEEDBACK_LIMITS.answerMax}
      </div>
      {files.length > 0 && (
        <ul className="plain-list">
          {files.map((f) => (
            <li key={f.id} className="row row--between">
              <span>📎 {f.name}</span>
              <button type="button" className="fb-link" onClick={() => setFiles(files.filter((x) => x.id !== f.id))}>
                Bỏ
              </button>
            </li>
          ))}
        </ul>
      )}
      <Button
        size="small"
        variant="tertiary"
        loading={uploading}
        disabled={files.length >= FEEDBACK_LIMITS.maxAttachments}
        onClick={async () => {
          const picked = (await pickFiles({ multiple: true })).slice(0, FEEDBACK_LIMITS.maxAttachments - files.length);
          if (!picked.length) return;
          setUploading(true);
          try {
            const uploaded: UploadedFile[] = [];
            for (const f of picked) uploaded.push(await uploadFile(f));
            setFiles((prev) => [...prev, ...uploaded]);
          } catch (err) {
            notify.error(err);
          } finally {
            setUploading(false);
          }
        }}
      >
        Đính kèm tệp, ảnh
      </Button>
      <label className="fb-switch">
        <input type="checkbox" role="switch" data-testid="answer-public" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
        <span>
          Công khai câu trả lời
          <small>Nếu người gửi cho phép, góp ý và câu trả lời hiện ở mục "Góp ý công khai".</small>
        </span>
      </label>
      <Button
        data-testid="answer-submit"
        loading={busy}
        disabled={busy || uploading || tooShort}
        onClick={async () => {
          setBusy(true);
          try {
            onDone(await postAnswer(id, { text: text.trim(), attachmentIds: files.map((f) => f.id), isPublic }));
            setText("");
            setFiles([]);
            notify.success("Đã gửi câu trả lời. Người gửi sẽ nhận được thông báo.");
          } catch (err) {
            notify.error(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        Gửi trả lời
      </Button>
      {tooShort && len > 0 && <div className="field-error">Câu trả lời cần ít nhất {FEEDBACK_LIMITS.answerMin} ký tự.</div>}
    </section>
  );
}

function NotesPanel({ detail, onChange }: { detail: FeedbackDetail; onChange: (d: FeedbackDetail) => void }) {
  const notify = useNotify();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <section className="card fb-form" data-testid="notes-panel">
      <div className="fb-section-title">Ghi chú nội bộ</div>
      <p className="muted fb-small">Chỉ cán bộ xử lý và giám sát thấy; người gửi không bao giờ thấy.</p>
      {detail.notes!.length === 0 && <p className="muted">Chưa có ghi chú.</p>}
      {detail.notes!.map((n) => (
        <div key={n.id} className="fb-note" data-testid="note">
          <PlainText text={n.text} />
          <div className="muted fb-small">
            {n.authorName} · {formatDateTime(n.createdAt)}
          </div>
        </div>
      ))}
      {detail.viewer.canNote && (
        <>
          <textarea
            className="native-textarea fb-input"
            data-testid="note-text"
            rows={2}
            maxLength={FEEDBACK_LIMITS.noteMax}
            placeholder="Thêm ghi chú nội bộ"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            size="small"
            variant="secondary"
            data-testid="note-submit"
            loading={busy}
            disabled={busy || !text.trim()}
            onClick={async () => {
              setBusy(true);
              try {
                const note = await postNote(detail.item.id, text.trim());
                onChange({ ...detail, notes: [...detail.notes!, note] });
                setText("");
              } catch (err) {
                notify.error(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            Lưu ghi chú
          </Button>
        </>
      )}
    </section>
  );
}
