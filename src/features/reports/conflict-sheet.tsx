import { Button, Sheet } from "zmp-ui";
import type { ConflictItem } from "@contract/reports";
import { TASK_STATUS_LABELS } from "@contract/reports-labels";

const showValue = (v: unknown) => {
  if (v === null || v === undefined || v === "") return "(trống)";
  if (typeof v === "string" && v in TASK_STATUS_LABELS) return TASK_STATUS_LABELS[v as keyof typeof TASK_STATUS_LABELS];
  return String(v);
};

/**
 * A field changed here and elsewhere to different values (the rest merged by itself): says whether
 * "elsewhere" is the same person on another session or device, or someone else, and lets them choose.
 */
export function ConflictSheet(props: { changes: ConflictItem[] | null; myId: number | null; onKeepMine(): void; onTakeServer(): void }) {
  const changes = props.changes ?? [];
  const byMe = (c: ConflictItem) => props.myId !== null && c.changedById === props.myId;
  const others = [...new Set(changes.filter((c) => !byMe(c)).map((c) => c.changedBy ?? "một người khác"))];
  const onlyMe = changes.length > 0 && others.length === 0;
  const title = onlyMe ? "Bạn vừa sửa báo cáo này ở một phiên hoặc thiết bị khác" : `Báo cáo vừa được ${others.join(", ") || "người khác"} cập nhật`;
  return (
    <Sheet visible={props.changes !== null} title={title} autoHeight onClose={() => undefined} mask handler={false}>
      <div className="sheet-body" data-testid="conflict-sheet" data-by={onlyMe ? "same-person" : "another-person"}>
        <p className="muted" data-testid="conflict-who">
          {onlyMe
            ? "Cùng một mục đã được bạn sửa khác nhau trên điện thoại này và ở nơi khác (một trình duyệt hay thiết bị khác). Chưa có gì bị ghi đè."
            : "Dữ liệu của bạn chưa bị ghi đè. Các mục cả hai bên cùng sửa (những mục chỉ một bên sửa đã được gộp tự động):"}
        </p>
        <ConflictTable changes={changes} byMe={byMe} />
        <div className="stack">
          <Button fullWidth data-testid="keep-mine" onClick={props.onKeepMine}>
            {onlyMe ? "Giữ bản trên điện thoại này" : "Giữ bản của tôi"}
          </Button>
          <Button fullWidth variant="secondary" data-testid="take-server" onClick={props.onTakeServer}>
            {onlyMe ? "Dùng bản đã lưu ở nơi khác" : "Dùng bản trên máy chủ"}
          </Button>
        </div>
      </div>
    </Sheet>
  );
}

function ConflictTable({ changes, byMe }: { changes: ConflictItem[]; byMe: (c: ConflictItem) => boolean }) {
  if (changes.length === 0) return <p className="muted">Trạng thái báo cáo đã thay đổi.</p>;
  return (
    <table className="data conflict-table">
      <thead>
        <tr>
          <th>Mục</th>
          <th>Trên máy chủ</th>
          <th>Của bạn</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <td>
              {c.label}
              {byMe(c) ? <div className="muted">bởi bạn, ở phiên khác</div> : c.changedBy && <div className="muted">bởi {c.changedBy}</div>}
            </td>
            <td>{showValue(c.serverValue)}</td>
            <td>{showValue(c.yourValue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
