import type { Generated } from "kysely";

/** A dialogue between the ward chair and youth (task 5 of Appendix II, indicator CT14). */
export interface DialoguesTable {
  id: Generated<number>;
  /** the ward whose chair holds it (migration 1110) */
  ward_id: number;
  year: number;
  title: string;
  held_at: string;
  place: string;
  presided_by: string;
  questions_open_at: string;
  questions_close_at: string;
  announced_at: string;
  /** whole days between the announcement and the dialogue */
  notice_days: number;
  /** the notice in the youth's feed (announcements component) */
  announcement_id: number | null;
  status: "announced" | "answered";
  answers_published_at: string | null;
  attendees: number | null;
  summary: string;
  /** last tracking-code number handed out for its questions (the UPDATE locks the row) */
  question_seq: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DialogueQuestionsTable {
  id: Generated<number>;
  dialogue_id: number;
  /** DT-2026-1-0007 */
  code: string;
  sender_id: number;
  text: string;
  /** 0/1: the name is hidden from other youth (staff still see it) */
  anonymous: number;
  /** 0/1 moderation */
  hidden: number;
  /** "flags" (automatic, pending review) or "staff" */
  hidden_by: string | null;
  flags_count: number;
  /** flags_count when staff last un-hid it: new flags are needed to hide it again */
  flags_reviewed: number;
  supports_count: number;
  /** staff's grouping and order for the chair */
  group_label: string | null;
  position: number | null;
  /** the answer being prepared; published_answer is what youth see */
  answer: string | null;
  published_answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DialogueQuestionMarksTable {
  question_id: number;
  user_id: number;
  created_at: string;
}

export interface DialogueQuestionFlagsTable extends DialogueQuestionMarksTable {
  reason: string | null;
}

export interface DialogueTables {
  dialogues: DialoguesTable;
  dialogue_questions: DialogueQuestionsTable;
  dialogue_question_supports: DialogueQuestionMarksTable;
  dialogue_question_flags: DialogueQuestionFlagsTable;
}
