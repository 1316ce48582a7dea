import { useSnackbar } from "zmp-ui";
import { errorMessage } from "../lib/api-client";

/** One way to tell the user something: success, info, or an error turned into Vietnamese. */
export function useNotify() {
  const { openSnackbar } = useSnackbar();
  return {
    success: (text: string) => openSnackbar({ text, type: "success", duration: 3000 }),
    info: (text: string) => openSnackbar({ text, type: "info", duration: 3000 }),
    error: (err: unknown) => openSnackbar({ text: typeof err === "string" ? err : errorMessage(err), type: "error", duration: 5000 }),
  };
}
