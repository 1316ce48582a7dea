import { useState } from "react";
import { Button } from "zmp-ui";
import type { Evidence } from "@contract/reports";
import { useNotify } from "../../components/use-notify";
import { ConfirmModal } from "../../components/confirm-modal";
import { apiUrl, toApiError } from "../../lib/api-client";
import { openDocument, pickFiles } from "../../lib/zalo";
import { reportsApi } from "./api";

/** The files attached to the report as evidence (up to 30): open, add, or remove one after a confirmation. */
export function EvidenceList({ items, editable, onChange }: { items: Evidence[]; editable: boolean; onChange: (list: Evidence[]) => void }) {
  const notify = useNotify();
  const [uploading, setUploading] = useState(false);
  const [removing, setRemoving] = useState<Evidence | null>(null);
  const MAX_FILES = 30;
  async function add() {
    const files = await pickFiles({ accept: "image/*,.pdf,.doc,.docx,.xls,.xlsx", multiple: true });
    if (!files.length) return;
    const room = MAX_FILES - items.length;
    if (files.length > room) {
      // refuse out loud rather than keep only some of the chosen files
      notify.error(room <= 0 ? `Báo cáo đã có đủ ${MAX_FILES} tệp minh chứng.` : `Chỉ thêm được ${room} tệp nữa (tối đa ${MAX_FILES} tệp). Vui lòng chọn lại.`);
      return;
    }
    setUploading(true);
    const added: Evidence[] = [];
    const failed: string[] = [];
    for (const f of files) {
      try {
        const meta = await reportsApi.upload(f);
        added.push({ fileId: meta.id, name: meta.name, size: meta.size, mime: meta.mime, url: meta.url, itemKind: "report", itemId: null });
      } catch (err) {
        failed.push(`${f.name}: ${toApiError(err).message}`);
      }
    }
    // the files that did upload are kept even when another one failed
    if (added.length) onChange([...items, ...added]);
    if (failed.length) notify.error(`Chưa tải lên được ${failed.length} tệp. ${failed.join(" ")}`);
    setUploading(false);
  }
  return (
    <section className="card stack" data-testid="evidence">
      <h3>Minh chứng (ảnh, văn bản)</h3>
      {items.length === 0 && <p className="muted">Chưa có tệp minh chứng.</p>}
      <ul className="plain-list">
        {items.map((e) => (
          <li key={e.fileId} className="row row--between">
            <button type="button" className="link-button" onClick={() => void openDocument(apiUrl(e.url))}>
              {e.name}
            </button>
            <span className="muted">{Math.max(1, Math.round(e.size / 1024))} KB</span>
            {editable && (
              <button type="button" className="link-button link-button--bad" aria-label={`Bỏ ${e.name}`} data-testid="remove-evidence" onClick={() => setRemoving(e)}>
                Bỏ
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <Button size="small" variant="secondary" loading={uploading} data-testid="add-evidence" onClick={() => void add()}>
          Thêm tệp minh chứng
        </Button>
      )}
      <ConfirmModal
        visible={removing !== null}
        title="Bỏ tệp minh chứng?"
        description={`Tệp “${removing?.name ?? ""}” sẽ không còn gắn với báo cáo. Muốn dùng lại, bạn cần tải tệp lên lần nữa.`}
        confirmText="Bỏ tệp"
        cancelText="Giữ lại"
        confirmTestId="confirm-remove-evidence"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          onChange(items.filter((x) => x.fileId !== removing?.fileId));
          setRemoving(null);
        }}
      />
    </section>
  );
}
