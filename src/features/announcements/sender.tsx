import type { AnnouncementSender, Audience } from "@contract/announcements";
import type { Me } from "@contract/identity";
import { AUDIENCE_LABELS, CITY_AUDIENCE_LABELS, CITY_SENDER_SHORT } from "@contract/announcements-labels";

/**
 * Two levels publish notices: a ward's staff (their ward's notices) and city staff (Sở Nội vụ: the
 * city's, shown in every ward's feed). These rules mirror the API's (announcements/compose.ts, write-access.ts,
 * receipts.ts), so a screen offers only what the server allows.
 */
type Viewer = Pick<Me, "role" | "ward"> | null | undefined;

/** Who writes notices at all: a ward's staff and city staff. */
export const composes = (me: Viewer) => me?.role === "staff" || me?.role === "city_staff";

/** The notice is of the viewer's own level: they may edit, archive and remind. */
export function writesNotice(me: Viewer, sender: AnnouncementSender): boolean {
  if (me?.role === "city_staff") return sender.level === "city";
  return me?.role === "staff" && sender.level === "ward" && sender.wardId === me.ward?.id;
}

/** Receipts are read by the publishing level: a ward's staff and observer their ward's, city staff every one. */
export function readsReceipts(me: Viewer, sender: AnnouncementSender): boolean {
  if (me?.role === "city_staff") return true;
  return (me?.role === "staff" || me?.role === "observer") && sender.level === "ward";
}

/** How the audience reads for this notice: a city notice goes to every ward. */
export const audienceLabel = (audience: Audience, sender: AnnouncementSender) =>
  sender.level === "city" && audience !== "units" ? CITY_AUDIENCE_LABELS[audience] : AUDIENCE_LABELS[audience];

/**
 * The sender's tag in a list: "Thành phố" on the city's notices; a ward's name only for city staff,
 * who read every ward (a ward's own people know whose notice it is).
 */
export function SenderPill({ sender, me }: { sender: AnnouncementSender; me: Viewer }) {
  if (sender.level === "city") {
    return (
      <span className="pill pill--city" data-testid="ann-sender-city" title={sender.name}>
        {CITY_SENDER_SHORT}
      </span>
    );
  }
  if (me?.role !== "city_staff") return null;
  return (
    <span className="pill pill--muted" data-testid="ann-sender-ward">
      {sender.name}
    </span>
  );
}
