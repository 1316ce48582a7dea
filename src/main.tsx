import { createRoot } from "react-dom/client";
import "zmp-ui/zaui.css";
import "./styles.css";
import { App } from "./app";

// ZMPRouter's production basename is /zapps/<APP_ID>. Zalo sets APP_ID; in a browser the API serves
// the app under /zapps/<id>/, so take the id from the address.
if (!window.APP_ID) {
  const m = /^\/zapps\/([^/]+)/.exec(window.location.pathname);
  window.APP_ID = m ? decodeURIComponent(m[1]) : (import.meta.env.VITE_ZALO_APP_ID ?? "thanh-nien-so");
}

createRoot(document.getElementById("app")!).render(<App />);
