import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export interface FileMeta {
  id: string;
  name: string;
  size: number;
  mime: string;
  url: string;
}

/**
 * Checks that every referenced file exists (and is an image when asked) and returns them in order.
 * Throws 400 UNKNOWN_FILE / NOT_AN_IMAGE. (Implemented by the files feature.)
 */
export async function requireFiles(_db: Kysely<DB>, ids: string[], _opts: { imagesOnly?: boolean } = {}): Promise<FileMeta[]> {
  if (ids.length === 0) return [];
  throw new Error("requireFiles: not implemented yet");
}
