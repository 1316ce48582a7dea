import { useEffect, useState, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import { SendButton } from "../../components/send-button";
import type { FeedbackAnswer, FeedbackFile, FeedbackPhoto, FeedbackStatus } from "@contract/feedback";
import { FEEDBACK_STATUS_LABELS } from "@contract/feedback-labels";
import { apiUrl } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { openDocument } from "../../lib/zalo";
import { fetchReviewPhoto } from "./feedback-api";

const STATUS_TONE: Record<FeedbackStatus, string> = {
  received: "pill--muted",
  in_progress: "pill--warn",
  answered: "pill--ok",
  not_competent: "pill--bad",
  duplicate: "pill--muted",
  rejected: "pill--bad",
};

export function StatusPill({ status }: { status: FeedbackStatus }) {
  return (
    <span className={`pill ${STATUS_TONE[status]}`} data-testid="feedback-status">
      {FEEDBACK_STATUS_LABELS[status]}
    </span>
  );
}

/** Due date: red with "Quá hạn" once past while still open. */
export function DueDate({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  return (
    <span className={overdue ? "fb-due fb-due--overdue" : "fb-due"} data-testid="feedback-due">
      {overdue ? "Quá hạn · " : "Hạn trả lời: "}
      {formatDate(dueAt)}
    </span>
  );
}

/** Plain text with line breaks kept: user text is never rendered as markup. */
export function PlainText({ text, className }: { text: string; className?: string }) {
  return <p className={`fb-text ${className ?? ""}`}>{text}</p>;
}

/** A card asking to sign in, with the way to do it (the Cá nhân tab holds every sign-in method). */
export function SignInPrompt({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  return (
    <section className="card fb-card" data-testid={testId}>
      <h3>{title}</h3>
      {children && <p className="muted">{children}</p>}
      <Button size="small" onClick={() => navigate("/account")} data-testid="feedback-go-signin">
        Đăng nhập
      </Button>
    </section>
  );
}

/**
 * Photos of an item. A hidden photo (or every photo of a hidden item) is no longer served by the
 * files API, so it shows as a placeholder instead of a broken image.
 */
/** A hidden photo as its sender and the staff still see it: loaded with the sign-in token, never cached. */
function ReviewPhoto({ itemId, photo, label }: { itemId: number; photo: FeedbackFile; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    fetchReviewPhoto(itemId, photo.id).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [itemId, photo.id]);
  if (src) return <img src={src} alt={photo.name} data-testid="review-photo" />;
  return <div className="fb-photo__placeholder">{failed ? label : "Đang tải…"}</div>;
}

export function PhotoGrid(props: {
  photos: (FeedbackFile | FeedbackPhoto)[];
  itemHidden?: boolean;
  /** set for the sender and the people handling the item: hidden photos are still shown to them, dimmed */
  reviewItemId?: number;
  onHide?: (photo: FeedbackPhoto) => void;
  onShow?: (photo: FeedbackPhoto) => void;
}) {
  if (props.photos.length === 0) return null;
  return (
    <div className="fb-photos" data-testid="feedback-photos">
      {props.photos.map((p) => {
        const hidden = "hidden" in p && p.hidden;
        const removed = hidden || !!props.itemHidden;
        return (
          <figure key={p.id} className={removed ? "fb-photo fb-photo--hidden" : "fb-photo"} data-testid={removed ? "photo-removed" : "photo"}>
            {removed ? (
              props.reviewItemId ? (
                <ReviewPhoto itemId={props.reviewItemId} photo={p} label={hidden ? "Ảnh đã bị ẩn" : "Ảnh tạm ẩn cùng góp ý"} />
              ) : (
                <div className="fb-photo__placeholder">{hidden ? "Ảnh đã bị ẩn" : "Ảnh tạm ẩn cùng góp ý"}</div>
              )
            ) : (
              <a href={apiUrl(p.url)} target="_blank" rel="noopener noreferrer">
                <img src={apiUrl(p.url)} alt={p.name} loading="lazy" />
              </a>
            )}
            {hidden && <figcaption>Đã ẩn</figcaption>}
            {props.onHide && !hidden && (
              <button type="button" className="fb-photo__action" data-testid="hide-photo" onClick={() => props.onHide!(p as FeedbackPhoto)}>
                Ẩn ảnh
              </button>
            )}
            {props.onShow && hidden && (
              <button type="button" className="fb-photo__action" data-testid="show-photo" onClick={() => props.onShow!(p as FeedbackPhoto)}>
                Hiện lại
              </button>
            )}
          </figure>
        );
      })}
    </div>
  );
}

export function AnswerView({ answer }: { answer: FeedbackAnswer }) {
  return (
    <div className="fb-answer" data-testid="feedback-answer">
      <div className="fb-answer__head">
        <strong>Trả lời{answer.authorUnitName ? ` của ${answer.authorUnitName}` : ""}</strong>
        {!answer.isPublic && <span className="pill pill--muted">Riêng tư</span>}
      </div>
      <PlainText text={answer.text} />
      {answer.attachments.length > 0 && (
        <ul className="plain-list fb-attachments">
          {answer.attachments.map((f) =>
            f.mime.startsWith("image/") ? (
              <li key={f.id}>
                <img className="fb-attachment-img" src={apiUrl(f.url)} alt={f.name} loading="lazy" />
              </li>
            ) : (
              <li key={f.id}>
                <button type="button" className="fb-link" onClick={() => void openDocument(apiUrl(f.url))}>
                  📎 {f.name}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="muted fb-small">{formatDateTime(answer.createdAt)}</div>
    </div>
  );
}

/** A confirmation before a destructive action (hide, flag). */
export function ConfirmButton(props: {
  label: ReactNode;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  testId?: string;
  disabled?: boolean;
  variant?: "secondary" | "tertiary";
  danger?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant={props.variant ?? "tertiary"}
        type={props.danger ? "danger" : "neutral"}
        disabled={props.disabled}
        data-testid={props.testId}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </Button>
      {/* Mounted only while open: long lists would otherwise carry one hidden dialog per item. */}
      {open && (
        <Modal visible title={props.title} onClose={() => !busy && setOpen(false)}>
          <p>{props.message}</p>
          <div className="row fb-modal-actions">
            <Button size="small" variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
              Hủy
            </Button>
            <SendButton
              size="small"
              type="danger"
              data-testid={props.testId ? `${props.testId}-confirm` : undefined}
              onSend={async () => {
                setBusy(true);
                try {
                  await props.onConfirm();
                  setOpen(false);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {props.confirmLabel}
            </SendButton>
          </div>
        </Modal>
      )}
    </>
  );
}
