import type { ComponentProps } from "react";
import { Button } from "zmp-ui";
import { useSendOnce } from "../lib/send-once";

type Props = Omit<ComponentProps<typeof Button>, "onClick"> & {
  /** what the button sends; taps while it runs are ignored, the button shows it is working */
  onSend: () => Promise<unknown> | unknown;
};

/** A button that sends once however fast it is tapped (see lib/send-once.ts). */
export function SendButton({ onSend, disabled, loading, ...rest }: Props) {
  const { send, sending } = useSendOnce(onSend);
  return <Button {...rest} disabled={disabled || sending} loading={loading || sending} onClick={() => void send()} />;
}
