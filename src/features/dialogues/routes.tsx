import type { RouteObject } from "react-router-dom";
import { DialoguesPage } from "./dialogues-page";
import { DialogueNewPage } from "./dialogue-new-page";
import { DialoguePage } from "./dialogue-page";

/** Screens of the chair's dialogue with youth, composed into the router by app.tsx. */
export const dialogueRoutes: RouteObject[] = [
  { path: "/dialogues", element: <DialoguesPage /> },
  { path: "/dialogues/new", element: <DialogueNewPage /> },
  { path: "/dialogues/:id", element: <DialoguePage /> },
];
