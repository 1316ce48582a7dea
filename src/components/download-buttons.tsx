import { useRef, useState } from "react";
import { Button } from "zmp-ui";
import { errorMessage } from "../lib/api-client";
import type { DownloadProgress } from "../lib/download";
import { useNotify } from "./use-notify";
import "./download-buttons.css";

export interface DownloadItem {
  /** the button's test id, also which one is running */
  testId: string;
  label: string;
  /** the button's label while its file is made and downloaded */
  busyLabel: string;
  variant?: "primary" | "secondary";
  disabled?: boolean;
  /** starts the download, telling its progress; resolves with the saved file's name */
  start: (onProgress: (p: DownloadProgress) => void) => Promise<string>;
}

const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;

/** "Đang tải về 45% (4,7/10,5 MB)", or the size so far when the server did not say the total. */
function downloadingText(p: Extract<DownloadProgress, { phase: "downloading" }>): string {
  if (!p.total) return `Đang tải về ${mb(p.loaded)}…`;
  return `Đang tải về ${Math.min(100, Math.round((p.loaded / p.total) * 100))}% (${mb(p.loaded)}/${mb(p.total)})`;
}

/**
 * Export buttons (Excel, Word) that show how a long download stands: "Đang tạo tệp…" while the server
 * builds the file, then the bytes as they arrive. One download at a time (a second tap, or the other
 * button, does nothing until it ends); a failure stays in view, in Vietnamese, until the next try.
 */
export function DownloadButtons({ items, className }: { items: DownloadItem[]; className: string }) {
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  // a second tap arrives before React re-renders the disabled buttons: the ref refuses it at once
  const busy = useRef(false);
  const notify = useNotify();

  const run = async (item: DownloadItem) => {
    if (busy.current || item.disabled) return;
    busy.current = true;
    setRunning(item.testId);
    setError(null);
    setProgress({ phase: "building" });
    try {
      notify.success(`Đã tải về: ${await item.start(setProgress)}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      busy.current = false;
      setRunning(null);
      setProgress(null);
    }
  };

  const determinate = progress?.phase === "downloading" && progress.total ? Math.min(100, (progress.loaded / progress.total) * 100) : null;
  return (
    <>
      <div className={className}>
        {items.map((item) => (
          <Button
            key={item.testId}
            size="medium"
            variant={item.variant ?? "secondary"}
            disabled={running !== null || item.disabled}
            loading={running === item.testId}
            onClick={() => void run(item)}
            data-testid={item.testId}
          >
            {running === item.testId ? item.busyLabel : item.label}
          </Button>
        ))}
      </div>
      {progress && (
        <div className="download-progress" role="status" aria-live="polite" data-testid="download-progress" data-phase={progress.phase}>
          <div
            className="bar"
            role="progressbar"
            aria-label="Tiến độ tải tệp"
            aria-valuemin={0}
            aria-valuemax={100}
            {...(determinate !== null ? { "aria-valuenow": Math.round(determinate) } : {})}
          >
            <div
              className={`bar__fill${determinate === null ? " download-progress__busy" : ""}`}
              style={determinate === null ? undefined : { width: `${determinate}%` }}
            />
          </div>
          <span className="muted">
            {progress.phase === "building" ? "Đang tạo tệp… Tệp của nhiều đơn vị có thể mất một lúc, vui lòng chờ." : downloadingText(progress)}
          </span>
        </div>
      )}
      {error && (
        <p className="banner banner--bad" role="alert" data-testid="download-error">
          {error}
        </p>
      )}
    </>
  );
}
