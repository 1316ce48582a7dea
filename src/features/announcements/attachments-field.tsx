import type { ReactNode } from "react";
import { Button } from "zmp-ui";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import type { Upload } from "./use-attachments";

interface Props {
  cover: Upload | null;
  files: Upload[];
  onAddCover(): void;
  onAddFiles(): void;
  onRemoveCover(): void;
  onRemoveFile(key: string): void;
  onMove(i: number, dir: -1 | 1): void;
  /** what blocks saving: files that failed to upload */
  error: ReactNode;
}

/** "Ảnh bìa" and "Tệp đính kèm" of the compose screen: each file with its progress, its error, its place in the list. */
export function AttachmentsField({ cover, files, onAddCover, onAddFiles, onRemoveCover, onRemoveFile, onMove, error }: Props) {
  return (
    <>
      <span className="field-label">Ảnh bìa</span>
      {cover ? (
        <UploadRow upload={cover} onRemove={onRemoveCover} />
      ) : (
        <Button size="small" variant="secondary" htmlType="button" onClick={() => onAddCover()}>
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
                onRemove={() => onRemoveFile(f.key)}
                onUp={i > 0 ? () => onMove(i, -1) : undefined}
                onDown={i < files.length - 1 ? () => onMove(i, 1) : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      {files.length < ANNOUNCEMENT_LIMITS.attachments && (
        <Button size="small" variant="secondary" htmlType="button" onClick={() => onAddFiles()} data-testid="ann-add-file">
          Thêm tệp đính kèm
        </Button>
      )}
      {error}
    </>
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
