import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { AnnouncementCategory, AnnouncementDetail } from "@contract/announcements";
import type { Unit } from "@contract/catalog";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { ApiError, errorMessage } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { createAnnouncement, createCategory, fetchCategories, fetchDetail, fetchUnits, updateAnnouncement } from "./api";
import { useFeed } from "./store";
import { vnLocalToIso } from "./vn-datetime";
import { AudienceField } from "./audience-field";
import { composes } from "./sender";
import { EMPTY, FIELD_OF_ERROR_CODE, formFromDetail, noticePayload, submitLabelFor, validateCompose, type ComposeForm, type FieldErrors } from "./compose-form";
import { DRAFT_PREFIX, forgetSavedCompose, readSavedCompose, useComposeDraft } from "./use-compose-draft";
import { useAttachments } from "./use-attachments";
import { AttachmentsField } from "./attachments-field";
import { BodyField, type BodyTab } from "./body-field";
import { CategoryField } from "./category-field";
import { ScheduleField } from "./schedule-field";
import "./announcements.css";

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
  const [form, setForm] = useState<ComposeForm>(EMPTY);
  const [original, setOriginal] = useState<AnnouncementDetail | null>(null);
  const [categories, setCategories] = useState<AnnouncementCategory[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const attachments = useAttachments();
  const { cover, files, uploading } = attachments;
  const [tab, setTab] = useState<BodyTab>("write");
  const [newCategory, setNewCategory] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  useEffect(() => {
    if (sessionStatus === "loading" || !writer) return;
    Promise.all([fetchCategories(), fetchUnits(), editId ? fetchDetail(editId) : Promise.resolve(null)])
      .then(([cats, us, detail]) => {
        setCategories(cats);
        setUnits(city ? [] : us.filter((u) => u.wardId === wardId && u.kind !== "ward" && u.kind !== "city"));
        if (detail) {
          setOriginal(detail);
          setForm(formFromDetail(detail));
          attachments.showStored(detail.cover, detail.attachments);
        } else {
          const saved = draftKey ? readSavedCompose(draftKey) : null;
          if (saved && (saved.form.title.trim() || saved.form.body.trim() || saved.files.length)) {
            const known = cats.some((c) => c.id === saved.form.categoryId);
            setForm({ ...EMPTY, ...saved.form, categoryId: known ? saved.form.categoryId : cats[0]?.id ?? null });
            attachments.showStored(saved.cover, saved.files);
            setRestored(true);
          } else {
            setForm((f) => ({ ...f, categoryId: cats[0]?.id ?? null }));
          }
        }
      })
      .catch(setLoadError)
      .finally(() => setLoading(false));
  }, [editId, writer, city, wardId, sessionStatus, draftKey]);

  useComposeDraft(draftKey, loading, form, cover, files);

  const discardRestored = () => {
    forgetSavedCompose(draftKey);
    setForm({ ...EMPTY, categoryId: categories[0]?.id ?? null });
    attachments.clear();
    setFieldErrors({});
    setRestored(false);
  };

  const set = <K extends keyof ComposeForm>(k: K, v: ComposeForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    // A corrected field loses its error at once (the others stay until the next submit).
    setFieldErrors((e) => (e[k] ? Object.fromEntries(Object.entries(e).filter(([key]) => key !== k)) : e));
  };
  const published = original?.status === "published";

  const clearFilesError = () => setFieldErrors((e) => (e.files ? Object.fromEntries(Object.entries(e).filter(([key]) => key !== "files")) : e));

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

  const submit = async () => {
    const errs = validateCompose(form, published);
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
    const payload = noticePayload(form, cover?.file?.id ?? null, files.filter((f) => f.file).map((f) => f.file!.id));
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
      forgetSavedCompose(draftKey);
      void useFeed.getState().load();
      navigate(`/announcements/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        const field = FIELD_OF_ERROR_CODE[e.code];
        if (field) {
          setFieldErrors({ [field]: e.message });
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

  const submitLabel = useMemo(() => submitLabelFor(form.mode, published), [form.mode, published]);

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

        <BodyField body={form.body} tab={tab} onTab={setTab} onBody={(v) => set("body", v)} error={err("body")} />

        <CategoryField
          categories={categories}
          categoryId={form.categoryId}
          onCategory={(id) => set("categoryId", id)}
          newCategory={newCategory}
          onNewCategory={setNewCategory}
          onAdd={() => void addCategory()}
          newCategoryError={err("newCategory")}
          error={err("categoryId")}
        />

        <AttachmentsField
          cover={cover}
          files={files}
          onAddCover={() => void attachments.addCover()}
          onAddFiles={() => void attachments.addAttachments()}
          onRemoveCover={() => {
            attachments.removeCover();
            clearFilesError();
          }}
          onRemoveFile={(key) => {
            attachments.removeFile(key);
            clearFilesError();
          }}
          onMove={attachments.moveFile}
          error={err("files")}
        />

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

        <ScheduleField
          published={published}
          mode={form.mode}
          publishAt={form.publishAt}
          expiresAt={form.expiresAt}
          onChange={set}
          publishAtError={err("publishAt")}
          expiresAtError={err("expiresAt")}
        />

        <Button htmlType="submit" fullWidth loading={saving} disabled={uploading} data-testid="ann-submit">
          {submitLabel}
        </Button>
      </form>
    </AppPage>
  );
}
