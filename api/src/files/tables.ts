/**
 * Uploaded files (attachments, cover images, photos). The id is a random url-safe string so a
 * link cannot be guessed from another; the bytes live under UPLOAD_DIR at `storage_path`.
 */
export interface FilesTable {
  id: string;
  /** the original file name, as the person named it (Vietnamese allowed) */
  name: string;
  /** the type found in the bytes (never the type the client claimed) */
  mime: string;
  size: number;
  sha256: string;
  /** relative to config.uploadDir */
  storage_path: string;
  uploaded_by: number | null;
  created_at: string;
  /** 0/1: a hidden file answers 404 and cannot be referenced any more */
  hidden: number;
}

export interface FilesTables {
  files: FilesTable;
}
