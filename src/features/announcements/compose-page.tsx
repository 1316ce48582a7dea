import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { AnnouncementCategory, AnnouncementDetail, AnnouncementFile, Audience } from "@contract/announcements";
import type { Unit } from "@contract/catalog";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { ApiError, errorMessage } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { pickFiles, pickImages } from "../../lib/zalo";
import { createAnnouncement, createCategory, fetchCategories, fetchDetail, fetchUnits, updateAnnouncement, uploadFile } from "./api";
import { Markdown } from "./markdown";
import { useFeed } from "./store";
import { formatDayTime, isoToVnLocal, vnLocalToIso } from "./vn-datetime";
import { DateTimeInput } from "../../components/date-input";
import { AudienceField } from "./audience-field";
import { composes } from "./sender";
import "./announcements.css";

const MAX_BYTES = 10 * 1024 * 1024;
const DOC_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.webp,.gif,application/pdf,image/*";

type Mode = "published" | "scheduled" | "draft";

interface Upload {
  key: string;
  name: string;
  progress: number;
  file?: AnnouncementFile;
  error?: string;
}

interface Form {
  title: string;
  body: string;
  categoryId: number | null;
  audience: Audience;
  unitIds: number[];
  pinned: boolean;
  requiresAck: boolean;
  mode: Mode;
  publishAt: string;
  expiresAt: string;
}

const EMPTY: Form = {
  title: "",
  body: "",
  categoryId: null,
  audience: "everyone",
  unitIds: [],
  pinned: false,
  requiresAck: false,
  mode: "published",
  publishAt: "",
  expiresAt: "",
};

let uploadSeq = 0;

/** A new notice being written is kept on this phone, so a stray "back" or a closed app loses nothing. */
const DRAFT_PREFIX = "tns.announcements.compose.v1:";
interface SavedCompose {
  form: Form;
  cover: AnnouncementFile | null;
  files: AnnouncementFile[];
}

function readSavedCompose(key: string): SavedCompose | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as SavedCompose) : null;
  } catch {
    return null;
  }
}

/** The chosen moment spelled dd/MM/yyyy HH:mm (the native picker shows the phone's own format). */
function whenText(local: string, prefix: string): string {
  const at = vnLocalToIso(local);
  return at ? `${prefix} ${formatDayTime(at)} (giờ Việt Nam).` : "Giờ Việt Nam (UTC+7).";
}

/** Staff compose and edit screen: Markdown with preview, uploads with progress, audience, schedule. */
export function ComposePage() {
  const { id: raw } = useParams();
  const editId = raw ? Number(raw) : null;
  const navigate = useNavigate();
  const notify = useNotify();
  const me = useSession((s) => s.me);
  const role = me?.role;
  const writer = composes(me);
  // city staff write the city's notices (to every ward); a ward's staff their ward's, to its units
  const city = role === "city_staff";
  const wardId = me?.ward?.id ?? null;
  const meId = me?.id ?? null;
  const draftKey = !raw && meId ? DRAFT_PREFIX + meId : null;
  const [restored, setRestored] = useState(false);
  const sessionStatus = useSession((s) => s.status);
  const [form, setForm] = useState<Form>(EMPTY);
  const [original, setOriginal] = useState<AnnouncementDetail | null>(null);
  const [categories, setCategories] = useState<AnnouncementCategory[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [cover, setCover] = useState<Upload | null>(null);
  const [files, setFiles] = useState<Upload[]>([]);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [newCategory, setNewCategory] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (sessionStatus === "loading" || !writer) return;
    Promise.all([fetchCategories(), fetchUnits(), editId ? fetchDetail(editId) : Promise.resolve(null)])
      .then(([cats, us, detail]) => {
        setCategories(cats);
        setUnits(city ? [] : us.filter((u) => u.wardId === wardId && u.kind !== "ward" && u.kind !== "city"));
        if (detail) {
          setOriginal(detail);
          setForm({
            title: detail.title,
            body: detail.body,
            categoryId: detail.category.id,
            audience: detail.audience,
            unitIds: detail.units.map((u) => u.id),
            pinned: detail.pinned,
            requiresAck: detail.requiresAck,
            mode: detail.status === "archived" ? "published" : detail.status,
            publishAt: isoToVnLocal(detail.publishAt),
            expiresAt: isoToVnLocal(detail.expiresAt),
          });
          if (detail.cover) setCover({ key: "cover", name: detail.cover.name, progress: 1, file: detail.cover });
          setFiles(detail.attachments.map((f) => ({ key: f.id, name: f.name, progress: 1, file: f })));
        } else {
          const saved = draftKey ? readSavedCompose(draftKey) : null;
          if (saved && (saved.form.title.trim() || saved.form.body.trim() || saved.files.length)) {
            const known = cats.some((c) => c.id === saved.form.categoryId);
            setForm({ ...EMPTY, ...saved.form, categoryId: known ? saved.form.categoryId : cats[0]?.id ?? null });
            if (saved.cover) setCover({ key: "cover", name: saved.cover.name, progress: 1, file: saved.cover });
            setFiles(saved.files.map((f) => ({ key: f.id, name: f.name, progress: 1, file: f })));
            setRestored(true);
          } else {
            setForm((f) => ({ ...f, categoryId: cats[0]?.id ?? null }));
          }
        }
      })
      .catch(setLoadError)
      .finally(() => setLoading(false));
  }, [editId, writer, city, wardId, sessionStatus, draftKey]);

  // Keep what is being written (new notices only), a moment after each change.
  useEffect(() => {
    if (!draftKey || loading) return;
    const t = window.setTimeout(() => {
      try {
        const saved: SavedCompose = { form, cover: cover?.file ?? null, files: files.flatMap((f) => (f.file ? [f.file] : [])) };
        if (form.title.trim() || form.body.trim() || saved.files.length || saved.cover) localStorage.setItem(draftKey, JSON.stringify(saved));
        else localStorage.removeItem(draftKey);
      } catch {
        /* storage full: writing still works, only the safety copy is missing */
      }
    }, 400);
    return () => window.clearTimeout(t);
  }, [draftKey, loading, form, cover, files]);

  const discardRestored = () => {
    if (draftKey) localStorage.removeItem(draftKey);
    setForm({ ...EMPTY, categoryId: categories[0]?.id ?? null });
    setCover(null);
    setFiles([]);
    setFieldErrors({});
    setRestored(false);
  };

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    // A corrected field loses its error at once (the others stay until the next submit).
    setFieldErrors((e) => (e[k] ? Object.fromEntries(Object.entries(e).filter(([key]) => key !== k)) : e));
  };
  // Still on its way: neither stored nor failed (a cover at 0 % counts too, or it would be dropped).
  const inFlight = (u: Upload) => !u.file && !u.error;
  const uploading = (cover !== null && inFlight(cover)) || files.some(inFlight);
  const published = original?.status === "published";

  async function startUpload(file: File, target: "cover" | "file") {
    const key = `u${++uploadSeq}`;
    const entry: Upload = { key, name: file.name, progress: 0 };
    const update = (patch: Partial<Upload>) => {
      if (target === "cover") setCover((c) => (c && c.key === key ? { ...c, ...patch } : c));
      else setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...patch } : f)));
    };
    if (target === "cover") setCover(entry);
    else setFiles((fs) => [...fs, entry]);
    if (file.size > MAX_BYTES) {
      update({ error: "Tệp quá lớn: mỗi tệp tối đa 10 MB." });
      return;
    }
    try {
      const meta = await uploadFile(file, (p) => update({ progress: Math.min(0.99, p) }));
      update({ file: meta, progress: 1 });
    } catch (e) {
      update({ error: errorMessage(e) });
    }
  }

  const addAttachments = async () => {
    const picked = await pickFiles({ accept: DOC_ACCEPT, multiple: true });
    const room = ANNOUNCEMENT_LIMITS.attachments - files.length;
    if (picked.length > room) notify.info(`Tối đa ${ANNOUNCEMENT_LIMITS.attachments} tệp đính kèm.`);
    picked.slice(0, Math.max(0, room)).forEach((f) => void startUpload(f, "file"));
  };

  const addCover = async () => {
    const [img] = await pickImages(1);
    if (img) void startUpload(img, "cover");
  };

  const clearFilesError = () => setFieldErrors((e) => (e.files ? Object.fromEntries(Object.entries(e).filter(([key]) => key !== "files")) : e));

  const moveFile = (i: number, dir: -1 | 1) =>
    setFiles((fs) => {
      const j = i + dir;
      if (j < 0 || j >= fs.length) return fs;
      const next = [...fs];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  const addCategory = async () => {
    const name = (newCategory ?? "").trim();
    if (name.length < 2) {
      setFieldErrors((e) => ({ ...e, newCategory: "Tên chuyên mục cần ít nhất 2 ký tự." }));
      return;
    }
    try {
      const c = await createCategory(name);
      setCategories((cs) => [...cs, c]);
      set("categoryId", c.id);
      setNewCategory(null);
      setFieldErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== "newCategory")));
      notify.success(`Đã thêm chuyên mục “${c.name}”.`);
    } catch (e) {
      setFieldErrors((errs) => ({ ...errs, newCategory: errorMessage(e) }));
    }
  };

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (form.title.trim().length < 3) e.title = "Tiêu đề cần ít nhất 3 ký tự.";
    else if (form.title.trim().length > ANNOUNCEMENT_LIMITS.title) e.title = `Tiêu đề tối đa ${ANNOUNCEMENT_LIMITS.title} ký tự (hiện có ${form.title.trim().length}).`;
    if (!form.body.trim()) e.body = "Nội dung không được để trống.";
    else if (form.body.trim().length > ANNOUNCEMENT_LIMITS.body) {
      e.body = `Nội dung tối đa ${ANNOUNCEMENT_LIMITS.body.toLocaleString("vi-VN")} ký tự (hiện có ${form.body.trim().length.toLocaleString("vi-VN")}). Hãy rút gọn hoặc đưa phần dài vào tệp đính kèm.`;
    }
    if (!form.categoryId) e.categoryId = "Vui lòng chọn chuyên mục.";
    if (form.audience === "units" && form.unitIds.length === 0) e.unitIds = "Vui lòng chọn ít nhất một đơn vị.";
    if (!published && form.mode === "scheduled") {
      const at = vnLocalToIso(form.publishAt);
      if (!at) e.publishAt = "Vui lòng chọn thời điểm đăng.";
      else if (Date.parse(at) <= Date.now()) e.publishAt = "Thời điểm đăng phải ở tương lai.";
    }
    if (form.expiresAt && !vnLocalToIso(form.expiresAt)) e.expiresAt = "Thời điểm hết hạn không hợp lệ.";
    return e;
  };

  const submit = async () => {
    const errs = validate();
    // A file that failed to upload is never dropped silently: the author removes or replaces it.
    const failed = [...(cover?.error ? [cover] : []), ...files.filter((f) => f.error)];
    if (failed.length) errs.files = `Chưa tải lên được: ${failed.map((f) => f.name).join(", ")}. Hãy gỡ tệp lỗi (✕) hoặc chọn lại tệp khác trước khi lưu.`;
    setFieldErrors(errs);
    if (Object.keys(errs).length) {
      notify.error(errs.files && Object.keys(errs).length === 1 ? errs.files : "Vui lòng kiểm tra lại các trường được đánh dấu.");
      scrollToFirstError();
      return;
    }
    if (uploading) {
      notify.info("Vui lòng chờ tải tệp lên xong.");
      return;
    }
    const payload = {
      title: form.title.trim(),
      body: form.body,
      categoryId: form.categoryId!,
      coverFileId: cover?.file?.id ?? null,
      attachmentIds: files.filter((f) => f.file).map((f) => f.file!.id),
      audience: form.audience,
      unitIds: form.audience === "units" ? form.unitIds : [],
      pinned: form.pinned,
      requiresAck: form.requiresAck,
      expiresAt: form.expiresAt ? vnLocalToIso(form.expiresAt) : null,
    };
    setSaving(true);
    try {
      let saved: AnnouncementDetail;
      if (editId) {
        saved = await updateAnnouncement(editId, {
          ...payload,
          ...(published ? {} : { status: form.mode, publishAt: form.mode === "scheduled" ? vnLocalToIso(form.publishAt) : null }),
        });
      } else {
        saved = await createAnnouncement({ ...payload, status: form.mode, publishAt: form.mode === "scheduled" ? vnLocalToIso(form.publishAt) : null });
      }
      notify.success(
        saved.status === "published" ? (editId && published ? "Đã lưu thay đổi." : "Đã đăng thông báo.") : saved.status === "scheduled" ? "Đã hẹn giờ đăng thông báo." : "Đã lưu bản nháp.",
      );
      if (draftKey) localStorage.removeItem(draftKey);
      void useFeed.getState().load();
      navigate(`/announcements/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        const map: Record<string, string> = {
          UNKNOWN_CATEGORY: "categoryId",
          PUBLISH_AT_IN_PAST: "publishAt",
          PUBLISH_AT_REQUIRED: "publishAt",
          UNKNOWN_UNIT: "unitIds",
          UNITS_REQUIRED: "unitIds",
          EXPIRES_BEFORE_PUBLISH: "expiresAt",
        };
        if (map[e.code]) {
          setFieldErrors({ [map[e.code]]: e.message });
          scrollToFirstError();
        }
      }
      notify.error(e);
    } finally {
      setSaving(false);
    }
  };

  const scrollToFirstError = () =>
    window.setTimeout(() => document.querySelector(".ann-form .field-error")?.scrollIntoView?.({ block: "center", behavior: "smooth" }), 0);

  const submitLabel = useMemo(() => {
    if (published) return "Lưu thay đổi";
    return form.mode === "published" ? "Đăng ngay" : form.mode === "scheduled" ? "Hẹn giờ đăng" : "Lưu nháp";
  }, [form.mode, published]);

  const title = `${editId ? "Sửa" : "Soạn"} thông báo${city ? " của thành phố" : ""}`;
  if (sessionStatus !== "loading" && !writer) {
    return (
      <AppPage title={title} back>
        <EmptyState title="Chỉ cán bộ phường, xã và cán bộ thành phố được soạn thông báo" />
      </AppPage>
    );
  }
  if (loadError) {
    return (
      <AppPage title={title} back>
        <ErrorState message={errorMessage(loadError)} onRetry={() => window.location.reload()} />
      </AppPage>
    );
  }
  if (loading) {
    return (
      <AppPage title={title} back>
        <Skeleton rows={3} />
      </AppPage>
    );
  }

  const err = (k: string) => fieldErrors[k] && <p className="field-error">{fieldErrors[k]}</p>;

  return (
    <AppPage title={title} back testId="ann-compose-page">
      {restored && (
        <div className="ann-offline row row--between" role="status" data-testid="ann-restored">
          <span>Đã khôi phục thông báo bạn đang soạn dở trên máy này.</span>
          <Button size="small" variant="tertiary" htmlType="button" onClick={discardRestored} data-testid="ann-discard-restored">
            Soạn mới
          </Button>
        </div>
      )}
      <form
        className="card stack ann-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          // Enter in a one-line field must not publish to everyone: only the button sends.
          if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
        }}
        noValidate
      >
        <label className="field-label" htmlFor="ann-title">
          Tiêu đề
        </label>
        <input
          id="ann-title"
          className="native-input"
          data-testid="ann-title-input"
          value={form.title}
          onChange={(e) => set("title", e.target.value.replace(/[\r\n]+/g, " "))}
        />
        <span className={`ann-counter${form.title.trim().length > ANNOUNCEMENT_LIMITS.title ? " ann-counter--over" : ""}`} data-testid="ann-title-counter">
          {form.title.length}/{ANNOUNCEMENT_LIMITS.title}
        </span>
        {err("title")}

        <div className="row row--between">
          <span className="field-label">Nội dung</span>
          <div className="ann-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "write"} className={`ann-chip${tab === "write" ? " ann-chip--on" : ""}`} onClick={() => setTab("write")}>
              Soạn
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === "preview"}
              className={`ann-chip${tab === "preview" ? " ann-chip--on" : ""}`}
              onClick={() => setTab("preview")}
              data-testid="ann-preview-tab"
            >
              Xem trước
            </button>
          </div>
        </div>
        {tab === "write" ? (
          <>
            <textarea
              className="native-textarea ann-body-input"
              data-testid="ann-body-input"
              value={form.body}
              rows={10}
              onChange={(e) => set("body", e.target.value)}
              aria-label="Nội dung"
            />
            {/* No maxLength: a long paste would be cut silently. The counter and the check say it instead. */}
            {form.body.length > ANNOUNCEMENT_LIMITS.body * 0.8 && (
              <span className={`ann-counter${form.body.length > ANNOUNCEMENT_LIMITS.body ? " ann-counter--over" : ""}`} data-testid="ann-body-counter">
                {form.body.length.toLocaleString("vi-VN")}/{ANNOUNCEMENT_LIMITS.body.toLocaleString("vi-VN")}
              </span>
            )}
            <p className="muted ann-hint">Định dạng: **đậm**, *nghiêng*, # tiêu đề, - danh sách, [chữ](https://liên-kết). Dòng trống để sang đoạn mới.</p>
          </>
        ) : (
          <div className="ann-preview" data-testid="ann-preview">
            {form.body.trim() ? <Markdown source={form.body} /> : <p className="muted">Chưa có nội dung.</p>}
          </div>
        )}
        {err("body")}

        <label className="field-label" htmlFor="ann-category">
          Chuyên mục
        </label>
        <div className="row">
          <select
            id="ann-category"
            className="native-select"
            data-testid="ann-category"
            value={form.categoryId ?? ""}
            onChange={(e) => set("categoryId", Number(e.target.value) || null)}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <Button size="small" variant="tertiary" htmlType="button" onClick={() => setNewCategory(newCategory === null ? "" : null)}>
            + Thêm
          </Button>
        </div>
        {newCategory !== null && (
          <div className="row">
            <input
              className="native-input"
              placeholder="Tên chuyên mục mới"
              aria-label="Tên chuyên mục mới"
              data-testid="ann-new-category"
              maxLength={60}
              value={newCategory}
              onChange={(e) => setNewCategory(e.target.value)}
              onKeyDown={(e) => {
                // Enter adds the category instead of submitting the whole notice.
                if (e.key === "Enter") {
                  e.preventDefault();
                  void addCategory();
                }
              }}
            />
            <Button size="small" htmlType="button" onClick={() => void addCategory()} data-testid="ann-add-category">
              Thêm
            </Button>
          </div>
        )}
        {newCategory !== null && err("newCategory")}
        {err("categoryId")}

        <span className="field-label">Ảnh bìa</span>
        {cover ? (
          <UploadRow
            upload={cover}
            onRemove={() => {
              setCover(null);
              clearFilesError();
            }}
          />
        ) : (
          <Button size="small" variant="secondary" htmlType="button" onClick={() => void addCover()}>
            Chọn ảnh bìa
          </Button>
        )}

        <span className="field-label">Tệp đính kèm (PDF, Word, Excel, ảnh; tối đa 10 MB mỗi tệp)</span>
        {files.length > 0 && (
          <ul className="plain-list" data-testid="ann-uploads">
            {files.map((f, i) => (
              <li key={f.key}>
                <UploadRow
                  upload={f}
                  onRemove={() => {
                    setFiles((fs) => fs.filter((x) => x.key !== f.key));
                    clearFilesError();
                  }}
                  onUp={i > 0 ? () => moveFile(i, -1) : undefined}
                  onDown={i < files.length - 1 ? () => moveFile(i, 1) : undefined}
                />
              </li>
            ))}
          </ul>
        )}
        {files.length < ANNOUNCEMENT_LIMITS.attachments && (
          <Button size="small" variant="secondary" htmlType="button" onClick={() => void addAttachments()} data-testid="ann-add-file">
            Thêm tệp đính kèm
          </Button>
        )}
        {err("files")}

        <AudienceField
          city={city}
          audience={form.audience}
          unitIds={form.unitIds}
          units={units}
          onAudience={(a) => set("audience", a)}
          onUnits={(ids) => set("unitIds", ids)}
          error={err("unitIds")}
        />

        <label className="ann-check">
          <input type="checkbox" checked={form.pinned} onChange={(e) => set("pinned", e.target.checked)} data-testid="ann-pinned" />
          Ghim lên đầu bảng tin
        </label>
        <label className="ann-check">
          <input type="checkbox" checked={form.requiresAck} onChange={(e) => set("requiresAck", e.target.checked)} data-testid="ann-requires-ack" />
          Yêu cầu xác nhận “Đã tiếp nhận”
        </label>

        {!published && (
          <fieldset className="ann-fieldset">
            <legend className="field-label">Thời điểm đăng</legend>
            <label className="ann-radio">
              <input type="radio" name="mode" checked={form.mode === "published"} onChange={() => set("mode", "published")} data-testid="ann-mode-now" />
              Đăng ngay
            </label>
            <label className="ann-radio">
              <input type="radio" name="mode" checked={form.mode === "scheduled"} onChange={() => set("mode", "scheduled")} data-testid="ann-mode-schedule" />
              Hẹn giờ đăng
            </label>
            {form.mode === "scheduled" && (
              <>
                <DateTimeInput label="Thời điểm đăng (giờ Việt Nam)" testId="ann-publish-at" value={form.publishAt} onChange={(v) => set("publishAt", v)} />
                <p className="muted ann-hint" data-testid="ann-publish-at-text">{whenText(form.publishAt, "Sẽ đăng lúc")}</p>
                {err("publishAt")}
              </>
            )}
            <label className="ann-radio">
              <input type="radio" name="mode" checked={form.mode === "draft"} onChange={() => set("mode", "draft")} data-testid="ann-mode-draft" />
              Lưu nháp
            </label>
          </fieldset>
        )}

        <label className="field-label" htmlFor="ann-expires">
          Hết hạn hiển thị (không bắt buộc, giờ Việt Nam)
        </label>
        <DateTimeInput id="ann-expires" label="Hết hạn hiển thị" testId="ann-expires" value={form.expiresAt} onChange={(v) => set("expiresAt", v)} />
        {form.expiresAt && <p className="muted ann-hint">{whenText(form.expiresAt, "Ẩn khỏi bảng tin từ")}</p>}
        {err("expiresAt")}

        <Button htmlType="submit" fullWidth loading={saving} disabled={uploading} data-testid="ann-submit">
          {submitLabel}
        </Button>
      </form>
    </AppPage>
  );
}

function UploadRow({ upload, onRemove, onUp, onDown }: { upload: Upload; onRemove: () => void; onUp?: () => void; onDown?: () => void }) {
  return (
    <div className="ann-upload" data-testid="ann-upload">
      <div className="row row--between">
        <span className="ann-upload__name">{upload.name}</span>
        <span className="row">
          {onUp && (
            <button type="button" className="ann-icon-btn" aria-label="Lên trên" onClick={onUp}>
              ↑
            </button>
          )}
          {onDown && (
            <button type="button" className="ann-icon-btn" aria-label="Xuống dưới" onClick={onDown}>
              ↓
            </button>
          )}
          <button type="button" className="ann-icon-btn" aria-label="Gỡ tệp" onClick={onRemove}>
            ✕
          </button>
        </span>
      </div>
      {upload.error ? (
        <p className="field-error">{upload.error}</p>
      ) : upload.file ? (
        <span className="pill pill--ok" data-testid="ann-upload-done">
          Đã tải lên
        </span>
      ) : (
        <>
          <div className="bar" role="progressbar" aria-label={`Đang tải lên ${upload.name}`} aria-valuenow={Math.round(upload.progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="bar__fill" style={{ width: `${Math.round(upload.progress * 100)}%` }} />
          </div>
          <span className="ann-upload__pct" data-testid="ann-upload-pct">
            Đang tải lên… {Math.round(upload.progress * 100)}%
          </span>
        </>
      )}
    </div>
  );
}
