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

/** What a file is attached to: its access is that of its parents (files/access.ts). */
export interface FileLinksTable {
  file_id: string;
  /** announcement | feedback_photo | feedback_answer | report_evidence */
  parent_kind: string;
  parent_id: number;
  created_at: string;
}

/** Keys the server keeps in its database so that every instance shares them (file link signatures). */
export interface ServerSecretsTable {
  name: string;
  /** base64 */
  value: string;
  created_at: string;
}

export interface FilesTables {
  files: FilesTable;
  file_links: FileLinksTable;
  server_secrets: ServerSecretsTable;
}
