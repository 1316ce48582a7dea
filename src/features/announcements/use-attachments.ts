import { useState } from "react";
import type { AnnouncementFile } from "@contract/announcements";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { pickFiles, pickImages } from "../../lib/zalo";
import { uploadFile } from "./api";

const MAX_BYTES = 10 * 1024 * 1024;
const DOC_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.webp,.gif,application/pdf,image/*";

/** One file of the notice: on its way (progress 0 to 1), stored (`file`) or refused (`error`). */
export interface Upload {
  key: string;
  name: string;
  progress: number;
  file?: AnnouncementFile;
  error?: string;
}

let uploadSeq = 0;

/** A file the server already holds, shown as uploaded. */
const storedUpload = (file: AnnouncementFile, key: string): Upload => ({ key, name: file.name, progress: 1, file });

// Still on its way: neither stored nor failed (a cover at 0 % counts too, or it would be dropped).
const inFlight = (u: Upload) => !u.file && !u.error;

/** The notice's cover image and attachments: picked on the phone, uploaded with progress, reordered, removed. */
export function useAttachments() {
  const notify = useNotify();
  const [cover, setCover] = useState<Upload | null>(null);
  const [files, setFiles] = useState<Upload[]>([]);
  const uploading = (cover !== null && inFlight(cover)) || files.some(inFlight);

  /** Shows files already stored: those of the notice being edited, or of the kept draft. */
  const showStored = (storedCover: AnnouncementFile | null, stored: AnnouncementFile[]) => {
    if (storedCover) setCover(storedUpload(storedCover, "cover"));
    setFiles(stored.map((f) => storedUpload(f, f.id)));
  };

  const clear = () => {
    setCover(null);
    setFiles([]);
  };

  async function startUpload(file: File, target: "cover" | "file") {
    const key = `u${++uploadSeq}`;
    const entry: Upload = { key, name: file.name, progress: 0 };
    const update = (patch: Partial<Upload>) => {
      if (target === "cover") setCover((c) => (c && c.key === key ? { ...c, ...patch } : c));
      else setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...patch } : f)));
    };
    if (target === "cover") setCover(entry);
    else setFiles((fs) => [...fs, entry]);
    if (file.size > MAX_BYTES) {
      update({ error: "Tệp quá lớn: mỗi tệp tối đa 10 MB." });
      return;
    }
    try {
      const meta = await uploadFile(file, (p) => update({ progress: Math.min(0.99, p) }));
      update({ file: meta, progress: 1 });
    } catch (e) {
      update({ error: errorMessage(e) });
    }
  }

  const addAttachments = async () => {
    const picked = await pickFiles({ accept: DOC_ACCEPT, multiple: true });
    const room = ANNOUNCEMENT_LIMITS.attachments - files.length;
    if (picked.length > room) notify.info(`Tối đa ${ANNOUNCEMENT_LIMITS.attachments} tệp đính kèm.`);
    picked.slice(0, Math.max(0, room)).forEach((f) => void startUpload(f, "file"));
  };

  const addCover = async () => {
    const [img] = await pickImages(1);
    if (img) void startUpload(img, "cover");
  };

  const moveFile = (i: number, dir: -1 | 1) =>
    setFiles((fs) => {
      const j = i + dir;
      if (j < 0 || j >= fs.length) return fs;
      const next = [...fs];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  const removeCover = () => setCover(null);
  const removeFile = (key: string) => setFiles((fs) => fs.filter((x) => x.key !== key));

  return { cover, files, uploading, showStored, clear, addCover, addAttachments, moveFile, removeCover, removeFile };
}
