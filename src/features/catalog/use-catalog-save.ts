import { useState } from "react";
import { useNotify } from "../../components/use-notify";
import { refusalText } from "./api";

/**
 * Saving a catalog item: busy while it goes, the server's refusal kept on screen (the form keeps
 * everything typed), the history reloaded and a word of success when it went through.
 */
export function useCatalogSave(reloadHistory: () => void) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  async function run<T extends { code: string }>(send: () => Promise<T>, saved: (item: T) => void): Promise<void> {
    setBusy(true);
    setRefusal(null);
    try {
      const item = await send();
      saved(item);
      reloadHistory();
      notify.success(`Đã lưu ${item.code}.`);
    } catch (e) {
      setRefusal(refusalText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, refusal, setRefusal, run };
}
