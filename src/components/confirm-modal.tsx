import { Button, Modal } from "zmp-ui";
import { SendButton } from "./send-button";

/** A yes/no question before a destructive or lasting change. */
export function ConfirmModal(props: {
  visible: boolean;
  title: string;
  description: string;
  confirmText: string;
  /** what keeps things as they are (default "Hủy") */
  cancelText?: string;
  /** the confirm button's test id (default "confirm-ok") */
  confirmTestId?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => Promise<unknown> | void;
  onCancel: () => void;
}) {
  // Mounted only while open, so hidden dialogs leave no duplicate buttons in the page.
  if (!props.visible) return null;
  return (
    <Modal visible title={props.title} onClose={props.onCancel}>
      <p className="muted" style={{ marginTop: 0 }}>
        {props.description}
      </p>
      <div className="row row--between" style={{ marginTop: 12 }}>
        <Button variant="tertiary" size="small" onClick={props.onCancel} data-testid="confirm-cancel">
          {props.cancelText ?? "Hủy"}
        </Button>
        <SendButton size="small" type={props.danger ? "danger" : "highlight"} loading={props.busy} onSend={props.onConfirm} data-testid={props.confirmTestId ?? "confirm-ok"}>
          {props.confirmText}
        </SendButton>
      </div>
    </Modal>
  );
}
