/**
 * The width a line of text takes in Times New Roman (metric-compatible with Liberation Serif, which
 * LibreOffice uses), from the standard Times AFM metrics in 1/1000 em. Vietnamese letters take the
 * width of their base letter (ư, ơ a little more). Good to a few per cent: enough to size the rules
 * under the heading lines and the table columns so that no number wraps.
 */

const REGULAR: Record<string, number> = {};
const BOLD: Record<string, number> = {};

function table(target: Record<string, number>, spec: string): void {
  for (const part of spec.trim().split(/\s+/)) {
    const at = part.lastIndexOf("=");
    const chars = part.slice(0, at);
    for (const ch of chars === "SP" ? " " : chars) target[ch] = Number(part.slice(at + 1));
  }
}

table(REGULAR, "SP=250 0123456789=500 .,=250 :;=278 /=278 ()[]=333 -=333 %=833 &=778 +<>==564 ?=444 @=921 *=500 '=180 \"=408 …=1000 –=500 —=1000");
table(REGULAR, "ACDGHKNOQUVXY=722 BR=667 ELTZ=611 FPS=556 I=333 J=389 M=889 W=944");
table(REGULAR, "ace=444 z=444 bdghknopquvxy=500 f=333 r=333 s=389 ijlt=278 m=778 w=722");
table(BOLD, "SP=250 0123456789=500 .,=250 :;=333 /=278 ()[]=333 -=333 %=1000 &=833 +<>==570 ?=500 @=930 *=500 '=278 \"=555 …=1000 –=500 —=1000");
table(BOLD, "ABDNRUVXY=722 C=722 EL=667 F=611 GHKOQ=778 I=389 J=500 M=944 P=611 S=556 T=667 W=1000 Z=667");
table(BOLD, "a=500 bdhknpqu=556 ce=444 z=444 f=333 gvxy=500 o=500 r=444 s=389 ijl=278 t=333 j=333 m=833 w=722");

const base = (ch: string) => {
  if (ch === "đ") return "d";
  if (ch === "Đ") return "D";
  return ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "").charAt(0) || ch;
};
/** ư, ơ carry a horn that sticks out to the right */
const HORN = /[ưứừửữựƯỨỪỬỮỰơớờởỡợƠỚỜỞỠỢ]/;

/** Width of `text` at `pt` points, in twips (1/20 pt). */
export function textWidth(text: string, pt: number, bold = false): number {
  const metrics = bold ? BOLD : REGULAR;
  let em = 0;
  for (const ch of text) {
    const w = metrics[base(ch)] ?? 500;
    em += HORN.test(ch) ? w * 1.12 : w;
  }
  return Math.round((em / 1000) * pt * 20);
}

/** The widest piece of `text` that cannot wrap (a word, a number, "100%/năm"). */
export function longestToken(text: string, pt: number, bold = false): number {
  return Math.max(0, ...text.split(/\s+/).map((t) => textWidth(t, pt, bold)));
}
