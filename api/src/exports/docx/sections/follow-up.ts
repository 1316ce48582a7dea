import type { FileChild } from "docx";
import { followUpModel, renderFollowUp, type FollowUpData } from "../../follow-up-sections.js";
import type { WordSection } from "../sections.js";

/** The key under which the routes pass the loaded follow-up data (`loadFollowUp`) in `extras`. */
export const FOLLOW_UP = "followUp";

/**
 * The plan's other duties in the ward's report (duties done and overdue, difficulties by theme with
 * their state, the Fatherland Front's supervisions and answers, the chair's dialogues): only in a
 * ward's own report, when the route loaded their data.
 */
export const followUpSection: WordSection = {
  key: "follow_up",
  build({ extras, heading }): FileChild[] {
    const data = extras[FOLLOW_UP] as FollowUpData | undefined;
    return data ? renderFollowUp(followUpModel(data), undefined, heading) : [];
  },
};
