import { AlignmentType, Header, Paragraph, TextRun, PageNumber, PageOrientation, type ISectionOptions } from "docx";
import { vnParts } from "../../lib/time.js";
import { ARCHIVE_LINE, DOCUMENT_NUMBER, RECIPIENTS, REPORT_SIGNER } from "../signature.js";
import { FONT, TEXT_WIDTH, centred, layoutTable, mm, rule, run } from "./primitives.js";
import { textWidth } from "./text-width.js";

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "Phường Lê Đại Hành, ngày 05 tháng 11 năm 2026" in Vietnam time. Decree 30: days below 10 and the
 * months 1 and 2 take a leading zero (so no month is mistaken for 11 or 12 when filled in by hand), and
 * an administrative unit named after a person is written in full ("Phường Lê Đại Hành", as the plan does).
 */
export function placeAndDate(place: string, instant: Date): string {
  const p = vnParts(instant);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  return `${place}, ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

export interface WardNames {
  /** the issuer line: "PHƯỜNG LÊ ĐẠI HÀNH" */
  upper: string;
  /** the name alone: "Lê Đại Hành" */
  name: string;
  /** the full name as the place in the date line: "Phường Lê Đại Hành" */
  place: string;
  /** inside a sentence: "phường Lê Đại Hành" */
  full: string;
}

/** "Phường Lê Đại Hành" (or "Ủy ban nhân dân phường Lê Đại Hành") → the names the report writes. */
export function wardNames(wardName: string): WardNames {
  const trimmed = wardName.trim().replace(/^Ủy ban nhân dân\s+/i, "");
  const name = trimmed.replace(/^(phường|xã|thị trấn|đặc khu)\s+/i, "");
  const kind = trimmed.slice(0, trimmed.length - name.length).trim().toLowerCase() || "phường";
  const full = `${kind} ${name}`;
  return { upper: full.toLocaleUpperCase("vi-VN"), name, place: full.charAt(0).toLocaleUpperCase("vi-VN") + full.slice(1), full };
}

/** Decree 30: the rule under the issuer and under the subject is ⅓–½ of the line above it; we take 40 %. */
const RULE_SHARE = 0.4;
const ruleUnder = (text: string, pt: number, span: number) => rule(Math.round(RULE_SHARE * Math.min(textWidth(text, pt, true), span)), span);

/**
 * Who issues a document (Decree 30): the body above it when there is one (regular caps, "UBND THÀNH PHỐ
 * HẢI PHÒNG"), then the issuing body (bold caps), the number and the place of the date line.
 */
export interface Issuer {
  /** 12–13 pt (13 by default): a long name above the issuer takes 12 to stay on one line */
  lines: { text: string; bold: boolean; size?: number }[];
  number: string;
  place: string;
}

/** A ward's People's Committee: "ỦY BAN NHÂN DÂN / PHƯỜNG LÊ ĐẠI HÀNH", both bold (one name on two lines). */
export const wardIssuer = (ward: WardNames): Issuer => ({
  lines: [
    { text: "ỦY BAN NHÂN DÂN", bold: true },
    { text: ward.upper, bold: true },
  ],
  number: DOCUMENT_NUMBER,
  place: ward.place,
});

/** Issuer and national title side by side, then the number and the place and date. */
export function headerBlock(who: WardNames | Issuer, now: Date) {
  const issuer = "lines" in who ? who : wardIssuer(who);
  const last = issuer.lines[issuer.lines.length - 1];
  // 62 mm, or wider for a long issuer line (never wrapped), leaving the national title its line
  const LEFT = Math.max(mm(62), ...issuer.lines.map((l) => textWidth(l.text, l.size ?? 13, l.bold) + mm(3)));
  const RIGHT = TEXT_WIDTH - LEFT;
  const motto = "Độc lập - Tự do - Hạnh phúc";
  return layoutTable(
    [LEFT, RIGHT],
    [
      [
        [...issuer.lines.map((l) => centred(l.text, { size: l.size ?? 13, bold: l.bold })), ruleUnder(last.text, last.size ?? 13, LEFT)],
        [
          centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 13, bold: true }),
          centred(motto, { size: 14, bold: true }),
          // the rule under the motto is as long as the motto (Decree 30)
          rule(textWidth(motto, 14, true), RIGHT),
        ],
      ],
      [[centred(issuer.number, { size: 13, before: 120 })], [centred(placeAndDate(issuer.place, now), { size: 14, italics: true, before: 120 })]],
    ],
  );
}

export function titleBlock(subject: string): Paragraph[] {
  return [
    centred("BÁO CÁO", { bold: true, before: 360 }),
    centred(subject, { bold: true }),
    ruleUnder(subject, 14, TEXT_WIDTH),
    new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
  ];
}

/** Who signs and who receives: the ward's by default (signature.ts). */
export interface Signing {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" */
  titles: string[];
  recipients: readonly string[];
  archive: string;
}

const WARD_SIGNING: Signing = { titles: [REPORT_SIGNER.onBehalf, REPORT_SIGNER.inPlaceOf, REPORT_SIGNER.title], recipients: RECIPIENTS, archive: ARCHIVE_LINE };

/** Recipients (left) and the signature (right). */
export function signatureBlock(signer: string, signing: Signing = WARD_SIGNING) {
  const SIG_LEFT = mm(75);
  const SIG_RIGHT = TEXT_WIDTH - SIG_LEFT;
  const recipientLine = (text: string) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(text, { size: 11 })] });
  return layoutTable(
    [SIG_LEFT, SIG_RIGHT],
    [
      [
        [
          new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("Nơi nhận:", { size: 12, bold: true, italics: true })] }),
          ...signing.recipients.map((r) => recipientLine(`- ${r};`)),
          recipientLine(signing.archive),
        ],
        [...signing.titles.map((t) => centred(t, { bold: true })), centred(signer, { bold: true, before: 1700 })],
      ],
    ],
  );
}

/** A4 portrait, margins 20/20/30/15 mm, page numbers centred in the top margin from page 2 on. */
export function pageSection(children: ISectionOptions["children"]): ISectionOptions {
  const pageNumber = new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 28, children: [PageNumber.CURRENT] })] })],
  });
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: mm(210), height: mm(297), orientation: PageOrientation.PORTRAIT },
        margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
      },
    },
    headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
    children,
  };
}
