// Cadres, grades and levels: rules.md §1 (CSS Rules 2009, CSSS Rules 2010, CSCS Rules 2009; 7th CPC Pay Matrix).
export type CadreCode = 'CSS' | 'CSSS' | 'CSCS';
export type CadreAuthority = 'CS.I' | 'CS.II';
export type ServiceGroup = 'A' | 'B' | 'C';
/** 7th CPC pay-matrix level: "1".."18", plus "13A". Levels 9 and 10 are different grades for MACP. */
export type PayLevel = string;

export interface Cadre {
  code: CadreCode;
  en: string;
  hi: string;
  authority: CadreAuthority;
}

export const CADRES: readonly Cadre[] = [
  { code: 'CSS', en: 'Central Secretariat Service', hi: 'केंद्रीय सचिवालय सेवा', authority: 'CS.I' },
  { code: 'CSSS', en: "Central Secretariat Stenographers' Service", hi: 'केंद्रीय सचिवालय आशुलिपिक सेवा', authority: 'CS.II' },
  { code: 'CSCS', en: 'Central Secretariat Clerical Service', hi: 'केंद्रीय सचिवालय लिपिक सेवा', authority: 'CS.II' },
];

export interface Grade {
  code: string;
  cadre: CadreCode;
  abbrev: string;
  en: string;
  hi: string;
  group: ServiceGroup;
  gazetted: boolean;
  level: PayLevel;
  /** non-functional level reached after `afterYears` in the grade (SO, PS: Level 10 after 4 years) */
  nonFunctional?: { level: PayLevel; afterYears: number };
  /** order within the cadre, 1 = entry grade */
  rank: number;
}

export const GRADES: readonly Grade[] = [
  { code: 'CSS.ASO', cadre: 'CSS', abbrev: 'ASO', en: 'Assistant Section Officer', hi: 'सहायक अनुभाग अधिकारी', group: 'B', gazetted: false, level: '7', rank: 1 },
  { code: 'CSS.SO', cadre: 'CSS', abbrev: 'SO', en: 'Section Officer', hi: 'अनुभाग अधिकारी', group: 'B', gazetted: true, level: '8', nonFunctional: { level: '10', afterYears: 4 }, rank: 2 },
  { code: 'CSS.US', cadre: 'CSS', abbrev: 'US', en: 'Under Secretary', hi: 'अवर सचिव', group: 'A', gazetted: true, level: '11', rank: 3 },
  { code: 'CSS.DS', cadre: 'CSS', abbrev: 'DS', en: 'Deputy Secretary', hi: 'उप सचिव', group: 'A', gazetted: true, level: '12', rank: 4 },
  { code: 'CSS.DIR', cadre: 'CSS', abbrev: 'Director', en: 'Director', hi: 'निदेशक', group: 'A', gazetted: true, level: '13', rank: 5 },
  { code: 'CSS.JS', cadre: 'CSS', abbrev: 'JS', en: 'Joint Secretary (in-situ)', hi: 'संयुक्त सचिव (इन-सीटू)', group: 'A', gazetted: true, level: '14', rank: 6 },
  { code: 'CSSS.D', cadre: 'CSSS', abbrev: "Steno 'D'", en: "Stenographer Grade 'D'", hi: "आशुलिपिक ग्रेड 'घ'", group: 'C', gazetted: false, level: '4', rank: 1 },
  { code: 'CSSS.PA', cadre: 'CSSS', abbrev: 'PA', en: 'Personal Assistant', hi: 'निजी सहायक', group: 'B', gazetted: false, level: '7', rank: 2 },
  { code: 'CSSS.PS', cadre: 'CSSS', abbrev: 'PS', en: 'Private Secretary', hi: 'निजी सचिव', group: 'B', gazetted: true, level: '8', nonFunctional: { level: '10', afterYears: 4 }, rank: 3 },
  { code: 'CSSS.PPS', cadre: 'CSSS', abbrev: 'PPS', en: 'Principal Private Secretary', hi: 'प्रधान निजी सचिव', group: 'A', gazetted: true, level: '11', rank: 4 },
  { code: 'CSSS.SPPS', cadre: 'CSSS', abbrev: 'Sr PPS', en: 'Senior Principal Private Secretary', hi: 'वरिष्ठ प्रधान निजी सचिव', group: 'A', gazetted: true, level: '12', rank: 5 },
  { code: 'CSSS.PSO', cadre: 'CSSS', abbrev: 'PSO', en: 'Principal Staff Officer', hi: 'प्रधान स्टाफ अधिकारी', group: 'A', gazetted: true, level: '13', rank: 6 },
  { code: 'CSCS.JSA', cadre: 'CSCS', abbrev: 'JSA', en: 'Junior Secretariat Assistant', hi: 'कनिष्ठ सचिवालय सहायक', group: 'C', gazetted: false, level: '2', rank: 1 },
  { code: 'CSCS.SSA', cadre: 'CSCS', abbrev: 'SSA', en: 'Senior Secretariat Assistant', hi: 'वरिष्ठ सचिवालय सहायक', group: 'C', gazetted: false, level: '4', rank: 2 },
];

const byCode = new Map(GRADES.map((g) => [g.code, g]));

export function gradeByCode(code: string): Grade | undefined {
  return byCode.get(code);
}

export function cadreOf(code: CadreCode): Cadre {
  const c = CADRES.find((x) => x.code === code);
  if (!c) throw new RangeError(`unknown cadre ${code}`);
  return c;
}

export function gradesOf(cadre: CadreCode): Grade[] {
  return GRADES.filter((g) => g.cadre === cadre).sort((a, b) => a.rank - b.rank);
}

/** 6th CPC grade pay → 7th CPC level (rules.md §1). 5400 depends on the pay band. */
export function levelFromGradePay(gradePay: number, payBand?: 'PB-2' | 'PB-3'): PayLevel | undefined {
  const table: Record<number, PayLevel> = {
    1800: '1', 1900: '2', 2000: '3', 2400: '4', 2800: '5', 4200: '6', 4600: '7', 4800: '8',
    6600: '11', 7600: '12', 8700: '13', 8900: '13A', 10000: '14',
  };
  if (gradePay === 5400) return payBand === 'PB-3' ? '10' : '9';
  return table[gradePay];
}

/** All pay levels in order; the next level for MACP is the next in this list. */
export const PAY_LEVELS: readonly PayLevel[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '13A', '14', '15', '16', '17', '18'];

export function levelIndex(level: PayLevel): number {
  return PAY_LEVELS.indexOf(level);
}
