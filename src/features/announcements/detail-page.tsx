import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { AnnouncementDetail, AnnouncementFile } from "@contract/announcements";
import { STATUS_LABELS } from "@contract/announcements-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { ApiError, apiUrl, errorMessage, isNetworkError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { openDocument, shareDeepLink } from "../../lib/zalo";
import { acknowledge, archiveAnnouncement, fetchDetail } from "./api";
import { Markdown } from "./markdown";
import { savedDetail, saveDetail, useFeed } from "./store";
import { formatDayTime } from "./vn-datetime";
import { audienceLabel, readsReceipts, SenderPill, writesNotice } from "./sender";
import "./announcements.css";

function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function fileKind(f: AnnouncementFile): string {
  if (f.mime === "application/pdf") return "PDF";
  if (f.mime.includes("word")) return "Word";
  if (f.mime.includes("excel") || f.mime.includes("sheet")) return "Excel";
  if (f.mime.startsWith("image/")) return "Ảnh";
  return "Tệp";
}

export function DetailPage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const navigate = useNavigate();
  const notify = useNotify();
  const me = useSession((s) => s.me);
  const role = me?.role;
  const sessionStatus = useSession((s) => s.status);
  const markRead = useFeed((s) => s.markRead);
  const [data, setData] = useState<AnnouncementDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acking, setAcking] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  /** showing the copy saved on this phone because the network failed */
  const [offline, setOffline] = useState(false);
  const meId = useSession((s) => s.me?.id ?? null);
  const viewer = meId ? String(meId) : "anon";

  const load = useCallback(() => {
    setError(null);
    fetchDetail(id)
      .then((d) => {
        setData(d);
        setOffline(false);
        markRead(d.id);
        saveDetail(viewer, d);
      })
      .catch((e: unknown) => {
        const saved = isNetworkError(e) ? savedDetail(viewer, id) : null;
        if (saved) {
          setData(saved);
          setOffline(true);
        } else setError(e);
      });
  }, [id, markRead, viewer]);

  useEffect(() => {
    if (sessionStatus === "loading") return;
    if (!Number.isInteger(id) || id <= 0) {
      setError(new ApiError(404, "NOT_FOUND", "Không tìm thấy thông báo."));
      return;
    }
    load();
  }, [id, load, sessionStatus]);

  const onAck = async () => {
    setAcking(true);
    try {
      const res = await acknowledge(id);
      setData((d) => {
        if (!d) return d;
        const next = { ...d, myAck: res.ack, canAck: false };
        saveDetail(viewer, next);
        return next;
      });
      notify.success(res.alreadyAcknowledged ? "Đơn vị của bạn đã xác nhận trước đó." : "Đã xác nhận tiếp nhận thông báo.");
    } catch (e) {
      notify.error(e);
    } finally {
      setAcking(false);
    }
  };

  const onShare = async () => {
    if (!data) return;
    const how = await shareDeepLink({ title: data.title, description: data.excerpt, path: data.sharePath, thumbnail: data.coverUrl ? apiUrl(data.coverUrl) : undefined });
    if (how === "clipboard") notify.success("Đã sao chép liên kết thông báo.");
    else if (how === "none") notify.info("Chưa chia sẻ được thông báo.");
  };

  const onArchive = async () => {
    setConfirmArchive(false);
    try {
      await archiveAnnouncement(id);
      notify.success("Đã lưu trữ thông báo.");
      void useFeed.getState().load();
      navigate("/announcements", { replace: true });
    } catch (e) {
      notify.error(e);
    }
  };


  if (error) {
    const is404 = error instanceof ApiError && error.status === 404;
    return (
      <AppPage title="Thông báo" back>
        {is404 ? (
          <EmptyState title="Không tìm thấy thông báo">
            Thông báo không tồn tại, đã được gỡ hoặc không dành cho bạn.
            {!role && " Nếu thông báo gửi cho đơn vị của bạn, hãy đăng nhập ở mục Cá nhân rồi mở lại."}
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(error)} onRetry={load} />
        )}
      </AppPage>
    );
  }
  if (!data) {
    return (
      <AppPage title="Thông báo" back>
        <Skeleton rows={2} />
      </AppPage>
    );
  }

  const date = data.publishedAt ?? data.publishAt;
  // each level edits its own notices; receipts are the publishing level's (sender.tsx)
  const writer = writesNotice(me, data.sender);
  const canSeeReceipts = readsReceipts(me, data.sender);
  return (
    <AppPage title="Thông báo" back testId="ann-detail">
      {offline && (
        <div className="ann-offline" role="status" data-testid="ann-detail-offline">
          Bạn đang ngoại tuyến — đây là bản đã lưu khi bạn mở thông báo lần trước.
        </div>
      )}
      <article className="card ann-detail">
        {data.cover && <img className="ann-detail__cover" src={apiUrl(data.cover.url)} alt="" />}
        <div className="ann-item__tags">
          {data.pinned && <span className="pill pill--warn">Ghim</span>}
          <SenderPill sender={data.sender} me={me} />
          <span className="pill">{data.category.name}</span>
          {data.status !== "published" && <span className="pill pill--muted">{STATUS_LABELS[data.status]}</span>}
        </div>
        {data.sender.level === "city" && (
          <p className="ann-sender" data-testid="ann-sender">
            {data.sender.name}
          </p>
        )}
        <h2 className="ann-detail__title" data-testid="ann-title">
          {data.title}
        </h2>
        <p className="ann-item__meta">
          {date ? (data.status === "scheduled" ? `Hẹn đăng ${formatDayTime(date)}` : formatDate(date)) : "Chưa đăng"}
          {data.edited && (
            <span className="ann-edited" data-testid="ann-edited" title={data.editedAt ? `Sửa lúc ${formatDayTime(data.editedAt)}` : undefined}>
              {" "}
              · đã chỉnh sửa
            </span>
          )}
          {(canSeeReceipts || role === "staff") && ` · Gửi tới: ${audienceLabel(data.audience, data.sender)}${data.units.length ? ` (${data.units.map((u) => u.name).join(", ")})` : ""}`}
          {data.expiresAt && ` · Hết hạn ${formatDate(data.expiresAt)}`}
        </p>
        <Markdown source={data.body} className="markdown ann-detail__body" />

        {data.attachments.length > 0 && (
          <section className="ann-files" aria-label="Tệp đính kèm">
            <h3>Tệp đính kèm</h3>
            <ul className="plain-list">
              {data.attachments.map((f) => (
                <li key={f.id}>
                  <button type="button" className="ann-file" data-testid="ann-attachment" onClick={() => void openDocument(apiUrl(f.url))}>
                    <span className="ann-file__kind">{fileKind(f)}</span>
                    <span className="ann-file__name">{f.name}</span>
                    <span className="ann-file__size">{fileSize(f.size)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        {data.requiresAck && (data.myAck || data.canAck) && (
          <section className="ann-ack" data-testid="ann-ack-box">
            {data.myAck ? (
              <p className="pill pill--ok" data-testid="ann-acked">
                {data.myAck.scope === "unit" ? `${data.myAck.unitName ?? "Đơn vị"} đã tiếp nhận` : "Bạn đã xác nhận tiếp nhận"} lúc {formatDayTime(data.myAck.ackedAt)}
                {data.myAck.scope === "unit" ? ` (${data.myAck.userName})` : ""}
              </p>
            ) : (
              <>
                <p className="muted">Thông báo này yêu cầu xác nhận đã tiếp nhận.</p>
                <Button fullWidth loading={acking} onClick={() => void onAck()} data-testid="ann-ack">
                  Đã tiếp nhận
                </Button>
              </>
            )}
          </section>
        )}

        <div className="row ann-actions">
          {data.status === "published" && (
            <Button size="small" variant="secondary" onClick={() => void onShare()} data-testid="ann-share">
              Chia sẻ
            </Button>
          )}
          {canSeeReceipts && data.status !== "draft" && (
            <Button size="small" variant="secondary" onClick={() => navigate(`/announcements/${data.id}/receipts`)} data-testid="ann-receipts-link">
              Tình hình tiếp nhận
            </Button>
          )}
          {writer && data.status !== "archived" && (
            <>
              <Button size="small" variant="tertiary" onClick={() => navigate(`/announcements/${data.id}/edit`)} data-testid="ann-edit">
                Sửa
              </Button>
              <Button size="small" variant="tertiary" type="danger" onClick={() => setConfirmArchive(true)} data-testid="ann-archive">
                Lưu trữ
              </Button>
            </>
          )}
        </div>
      </article>

      <Modal
        visible={confirmArchive}
        title="Lưu trữ thông báo?"
        description="Thông báo sẽ bị gỡ khỏi bảng tin của mọi người và không sửa hay đăng lại được nữa. Số liệu tiếp nhận vẫn được giữ lại."
        onClose={() => setConfirmArchive(false)}
        actions={[
          { text: "Hủy", close: true },
          { text: "Lưu trữ", danger: true, onClick: () => void onArchive() },
        ]}
      />
    </AppPage>
  );
}
