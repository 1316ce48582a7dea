import type { WardLevel } from "../contract/wards.js";
import { WARD_LEVEL_LABELS, type WardUnitKind } from "../contract/wards-labels.js";

/** A unit of a ward before it is created: its code is local to the ward (the ward's code prefixes it). */
export interface WardUnitDraft {
  code: string;
  name: string;
  shortName: string;
  kind: WardUnitKind;
  /** the local code of its parent, null directly under the ward's People's Committee */
  parent: string | null;
  /** the CSV line it came from (template units have none) */
  line?: number;
}

/**
 * The standard units of a commune-level unit, as the plan names them (the reference ward's local
 * codes, so the plan's indicator and task assignments carry over): the offices, police, military
 * command, Fatherland Front, Youth Union, Youth Federation, public service centre, the health station
 * (it reports CT13) and `groups` residential groups — "tổ dân phố" in a ward or special zone, "thôn"
 * in a commune.
 */
export function templateUnits(level: WardLevel, placeName: string, groups: number): WardUnitDraft[] {
  const w = WARD_LEVEL_LABELS[level].word;
  const of = `${w} ${placeName}`;
  const fixed: WardUnitDraft[] = [
    { code: "VP", name: `Văn phòng HĐND và UBND ${of}`, shortName: "Văn phòng HĐND-UBND", kind: "office", parent: null },
    { code: "VHXH", name: `Phòng Văn hóa - Xã hội ${of}`, shortName: "Phòng VHXH", kind: "office", parent: null },
    { code: "KT", name: `Phòng Kinh tế, Hạ tầng và Đô thị ${of}`, shortName: "Phòng KT-HT-ĐT", kind: "office", parent: null },
    { code: "CA", name: `Công an ${of}`, shortName: `Công an ${w}`, kind: "police", parent: null },
    { code: "QS", name: `Ban Chỉ huy Quân sự ${of}`, shortName: `Ban CHQS ${w}`, kind: "military", parent: null },
    { code: "MTTQ", name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${of}`, shortName: `UB MTTQ ${w}`, kind: "front", parent: null },
    { code: "DOAN", name: `Đoàn TNCS Hồ Chí Minh ${of}`, shortName: `Đoàn ${w}`, kind: "youth_union", parent: null },
    { code: "HOI", name: `Hội Liên hiệp Thanh niên Việt Nam ${of}`, shortName: `Hội LHTN ${w}`, kind: "youth_federation", parent: null },
    { code: "TTDV", name: `Trung tâm sự nghiệp dịch vụ công ${of}`, shortName: "TT dịch vụ công", kind: "service_centre", parent: null },
    { code: "TYT", name: `Trạm Y tế ${of}`, shortName: "Trạm Y tế", kind: "health", parent: null },
  ];
  const village = level === "xa";
  const residential: WardUnitDraft[] = Array.from({ length: groups }, (_, i) => {
    const n = i + 1;
    return {
      code: `TDP${String(n).padStart(2, "0")}`,
      name: village ? `Thôn số ${n}` : `Tổ dân phố số ${n}`,
      shortName: village ? `Thôn ${n}` : `TDP ${n}`,
      kind: "residential_group",
      parent: null,
    };
  });
  return [...fixed, ...residential];
}

/** "Ủy ban nhân dân phường Hồng Bàng": the ward's own unit. */
export const wardUnitName = (level: WardLevel, placeName: string) => `Ủy ban nhân dân ${WARD_LEVEL_LABELS[level].word} ${placeName}`;
