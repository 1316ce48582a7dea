import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the chair's dialogue with youth (each loads on demand), composed into the router by app.tsx. */
export const dialogueRoutes: RouteObject[] = [
  { path: "/dialogues", element: lazyPage(() => import("./dialogues-page").then((m) => m.DialoguesPage)) },
  { path: "/dialogues/new", element: lazyPage(() => import("./dialogue-new-page").then((m) => m.DialogueNewPage)) },
  { path: "/dialogues/:id", element: lazyPage(() => import("./dialogue-page").then((m) => m.DialoguePage)) },
];
