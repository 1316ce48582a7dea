import { createElement } from "react";
import { useSnackbar } from "zmp-ui";
import { errorMessage } from "../lib/api-client";
import { AppIcon } from "./app-icon";

// zmp-ui's typed snackbars draw their icon with the icon font from Zalo's CDN (raw names offline),
// so we pass our own SVG as the prefix icon instead of a `type`.
const okIcon = createElement("span", { className: "snack-icon snack-icon--ok" }, createElement(AppIcon, { name: "check", size: 20 }));
const badIcon = createElement("span", { className: "snack-icon snack-icon--bad" }, createElement(AppIcon, { name: "alert", size: 20 }));

/** One way to tell the user something: success, info, or an error turned into Vietnamese. */
export function useNotify() {
  const { openSnackbar } = useSnackbar();
  return {
    success: (text: string) => openSnackbar({ text, duration: 3000, prefixIcon: okIcon }),
    info: (text: string) => openSnackbar({ text, duration: 3000 }),
    error: (err: unknown) => openSnackbar({ text: typeof err === "string" ? err : errorMessage(err), duration: 5000, prefixIcon: badIcon }),
  };
}
