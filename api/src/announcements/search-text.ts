import { foldVietnamese } from "../lib/text.js";

export const searchTextOf = (title: string, body: string) => foldVietnamese(`${title}\n${body}`);
