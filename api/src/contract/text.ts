// Text rules shared by the API and the mini app (no zod here: the app may import it at runtime).

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), directional marks and other
 * invisible format characters: in a name they make "gpj.exe" read as "exe.jpg", or hide text.
 */
// eslint-disable-next-line no-misleading-character-class
export const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** C0 and C1 control characters and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Removes bidi and invisible format characters (text keeps its lines). */
export const stripBidi = (s: string) => s.replace(BIDI_AND_INVISIBLE, "");

/**
 * A name as stored and shown (a person, a file, a category, a period title): NFC, one line, single
 * spaces, no control, bidi or invisible characters.
 */
export const cleanName = (s: string) => stripBidi(s.normalize("NFC")).replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
