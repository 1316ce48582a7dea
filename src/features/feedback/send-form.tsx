import { useEffect, useRef, useState } from "react";
import { Button } from "zmp-ui";
import type { FeedbackCategory, FeedbackCreated } from "@contract/feedback";
import type { Unit } from "@contract/catalog";
import { FEEDBACK_LIMITS } from "@contract/feedback-labels";
import { apiUrl, isNetworkError, toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { pickImages } from "../../lib/zalo";
import { useSession } from "../../lib/session-store";
import { sendFeedback, uploadFile } from "./feedback-api";
import { clearDraft, emptyDraft, loadDraft, saveDraft, type FeedbackDraft } from "./draft";
import { SignInPrompt } from "./components";

interface Props {
  categories: FeedbackCategory[];
  groups: Unit[];
  onSent?: (created: FeedbackCreated) => void;
  onShowMine?: () => void;
}

const PHOTO_TYPES = "JPG, PNG, WEBP hoặc GIF";
const looksLikePhoto = (f: File) => (f.type ? /^image\/(jpe?g|pjpeg|png|webp|gif)$/i.test(f.type) : /\.(jpe?g|png|webp|gif)$/i.test(f.name));
/** "Tệp “a.pdf” không phải là ảnh…", or for several files their names. */
export function notPhotoMessage(names: string[]): string {
  const list = names.map((n) => `“${n}”`).join(", ");
  return names.length === 1 ? `Tệp ${list} không phải là ảnh: chỉ nhận ảnh ${PHOTO_TYPES}.` : `${names.length} tệp không phải là ảnh (${list}): chỉ nhận ảnh ${PHOTO_TYPES}.`;
}

/** "Gửi góp ý": every keystroke is kept as a draft; the draft's key makes sending idempotent. */
export function SendForm({ categories, groups, onSent, onShowMine }: Props) {
  const status = useSession((s) => s.status);
  const [draft, setDraft] = useState<FeedbackDraft>(() => loadDraft());
  const [uploading, setUploading] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState<FeedbackCreated | null>(null);
  const sendingRef = useRef(false);

  useEffect(() => {
    if (!sent) saveDraft(draft);
  }, [draft, sent]);

  const update = (patch: Partial<FeedbackDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const length = draft.content.trim().length;
  const contentError =
    length === 0
      ? "Vui lòng nhập nội dung góp ý."
      : length < FEEDBACK_LIMITS.contentMin
        ? `Nội dung cần ít nhất ${FEEDBACK_LIMITS.contentMin} ký tự.`
        : length > FEEDBACK_LIMITS.contentMax
          ? `Nội dung tối đa ${FEEDBACK_LIMITS.contentMax} ký tự.`
          : null;
  const categoryError = draft.categoryId ? null : "Vui lòng chọn lĩnh vực.";
  const roomForPhotos = FEEDBACK_LIMITS.maxPhotos - draft.photos.length - uploading;

  async function addPhotos() {
    setError(null);
    const picked = await pickImages(roomForPhotos);
    const files = picked.slice(0, roomForPhotos);
    if (picked.length > files.length) {
      // Never drop a chosen photo silently.
      setError(`Mỗi góp ý có tối đa ${FEEDBACK_LIMITS.maxPhotos} ảnh: chỉ thêm ${files.length} trong ${picked.length} ảnh đã chọn.`);
    }
    if (files.length === 0) return;
    // A photo picker refuses in photo words: which files, and the image types it takes (the
    // server's own list also names documents, which would only confuse here).
    const notPhotos = files.filter((f) => !looksLikePhoto(f)).map((f) => f.name);
    const photos = files.filter(looksLikePhoto);
    const refuse = (names: string[]) => names.length && setError(notPhotoMessage(names));
    refuse(notPhotos);
    if (photos.length === 0) return;
    setUploading((n) => n + photos.length);
    for (const file of photos) {
      try {
        const meta = await uploadFile(file);
        // The server sniffs the bytes: a document renamed .jpg is refused here, not at sending.
        if (!meta.mime.startsWith("image/")) {
          notPhotos.push(meta.name);
          refuse(notPhotos);
          continue;
        }
        setDraft((d) => (d.photos.length >= FEEDBACK_LIMITS.maxPhotos ? d : { ...d, photos: [...d.photos, meta] }));
      } catch (err) {
        const e = toApiError(err);
        if (e.code === "FILE_TYPE_NOT_ALLOWED" || e.code === "FILE_TYPE_MISMATCH") {
          notPhotos.push(file.name);
          refuse(notPhotos);
        } else setError(e.message);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  async function submit() {
    setTouched(true);
    setError(null);
    if (contentError || categoryError || sendingRef.current || uploading > 0) return;
    sendingRef.current = true; // a double tap while the first request runs does nothing
    setSending(true);
    try {
      const created = await sendFeedback(
        {
          categoryId: draft.categoryId!,
          content: draft.content,
          photoIds: draft.photos.map((p) => p.id),
          placeUnitId: draft.placeUnitId,
          allowPublic: draft.allowPublic,
          anonymous: draft.anonymous,
        },
        draft.idempotencyKey,
      );
      clearDraft();
      setSent(created);
      onSent?.(created);
    } catch (err) {
      const e = toApiError(err);
      // The draft (and its key) stays: sending again later cannot create a second item.
      setError(isNetworkError(err) ? `${e.message} Góp ý của bạn vẫn được lưu nháp trên máy, hãy bấm gửi lại khi có mạng.` : e.message);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  }

  if (status === "anonymous") {
    return (
      <SignInPrompt title="Đăng nhập để gửi góp ý" testId="feedback-signin">
        Mở ứng dụng trong Zalo để đăng nhập tự động (hoặc đăng nhập ở tab Cá nhân), rồi gửi ý kiến của bạn tới phường.
      </SignInPrompt>
    );
  }

  if (sent) {
    return (
      <section className="card fb-card" data-testid="feedback-sent">
        <h3>Đã gửi góp ý thành công</h3>
        <p>Mã theo dõi của bạn:</p>
        <div className="fb-code fb-code--big" data-testid="feedback-code">
          {sent.code}
        </div>
        <p className="muted fb-small">Hạn trả lời dự kiến: {formatDate(sent.dueAt)}. Bạn sẽ nhận thông báo khi có câu trả lời.</p>
        <div className="fb-actions">
          <Button size="small" onClick={() => onShowMine?.()} data-testid="go-mine">
            Xem Góp ý của tôi
          </Button>
          <Button
            size="small"
            variant="secondary"
            onClick={() => {
              setSent(null);
              setTouched(false);
              setDraft(emptyDraft());
            }}
          >
            Gửi góp ý khác
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form
      className="fb-form card"
      data-testid="feedback-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field-label" htmlFor="fb-category">
        Lĩnh vực
      </label>
      <select
        id="fb-category"
        className="native-select fb-input"
        data-testid="feedback-category"
        value={draft.categoryId ?? ""}
        onChange={(e) => update({ categoryId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">— Chọn lĩnh vực —</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {touched && categoryError && <div className="field-error">{categoryError}</div>}

      <label className="field-label" htmlFor="fb-content">
        Nội dung góp ý
      </label>
      <textarea
        id="fb-content"
        className="native-textarea fb-input"
        data-testid="feedback-content"
        rows={6}
        maxLength={FEEDBACK_LIMITS.contentMax + 200}
        placeholder="Mô tả ý kiến, kiến nghị hoặc vấn đề bạn gặp (ít nhất 10 ký tự)"
        value={draft.content}
        onChange={(e) => update({ content: e.target.value })}
      />
      <div className={length > FEEDBACK_LIMITS.contentMax ? "fb-counter fb-counter--bad" : "fb-counter"} data-testid="feedback-counter">
        {length}/{FEEDBACK_LIMITS.contentMax}
      </div>
      {touched && contentError && <div className="field-error">{contentError}</div>}

      <div>
        <div className="field-label">Ảnh minh họa (tối đa {FEEDBACK_LIMITS.maxPhotos})</div>
        <div className="fb-photos">
          {draft.photos.map((p) => (
            <figure key={p.id} className="fb-photo" data-testid="photo-preview">
              <img src={apiUrl(p.url)} alt={p.name} />
              <button
                type="button"
                className="fb-photo__remove"
                aria-label={`Bỏ ảnh ${p.name}`}
                onClick={() => update({ photos: draft.photos.filter((x) => x.id !== p.id) })}
              >
                ×
              </button>
            </figure>
          ))}
          {Array.from({ length: uploading }, (_, i) => (
            <div key={`u${i}`} className="fb-photo fb-photo--uploading">
              Đang tải…
            </div>
          ))}
        </div>
        <Button size="small" variant="secondary" disabled={roomForPhotos <= 0} onClick={() => void addPhotos()} data-testid="add-photos">
          {roomForPhotos <= 0 && uploading === 0 ? `Đã đủ ${FEEDBACK_LIMITS.maxPhotos} ảnh` : "Thêm ảnh"}
        </Button>
      </div>

      <label className="field-label" htmlFor="fb-place">
        Tổ dân phố (không bắt buộc)
      </label>
      <select
        id="fb-place"
        className="native-select fb-input"
        data-testid="feedback-place"
        value={draft.placeUnitId ?? ""}
        onChange={(e) => update({ placeUnitId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">— Không chọn —</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>

      <label className="fb-switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="feedback-allow-public"
          checked={draft.allowPublic}
          onChange={(e) => update({ allowPublic: e.target.checked })}
        />
        <span>
          Cho phép công khai
          <small>Góp ý và câu trả lời được đăng ở mục "Góp ý công khai" để mọi người cùng theo dõi.</small>
        </span>
      </label>
      <label className="fb-switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="feedback-anonymous"
          checked={draft.anonymous}
          onChange={(e) => update({ anonymous: e.target.checked })}
        />
        <span>
          Ẩn danh với công chúng
          <small>Công chúng không thấy tên bạn; cán bộ xử lý vẫn biết người gửi để liên hệ khi cần.</small>
        </span>
      </label>

      {error && (
        <div className="fb-banner fb-banner--bad" role="alert" data-testid="feedback-error">
          {error}
        </div>
      )}
      <Button htmlType="submit" fullWidth loading={sending} disabled={sending || uploading > 0} data-testid="feedback-submit">
        Gửi góp ý
      </Button>
      <p className="muted fb-small">Nội dung đang soạn được tự động lưu trên máy này.</p>
    </form>
  );
}
