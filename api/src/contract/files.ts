import { z } from "zod";

/** A stored file as other resources reference it (attachments, cover images, photos). */
export const FileMetaSchema = z
  .object({
    id: z.string(),
    url: z.string().meta({ description: "Relative URL that serves the file: /api/files/<id>" }),
    name: z.string(),
    size: z.number().int(),
    mime: z.string().meta({ description: "The type found in the file's bytes" }),
  })
  .meta({ id: "FileMeta" });
export type FileMeta = z.infer<typeof FileMetaSchema>;

export const FileIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** A short-lived signed link to a private file (given out in answers to those allowed to see it). */
export const FileLinkQuery = z.object({ exp: z.string().max(20).optional(), sig: z.string().max(64).optional() });

/** Upload limits, shared with the mini app (which checks them before sending). */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
