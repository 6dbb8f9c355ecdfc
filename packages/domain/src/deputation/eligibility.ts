// Is an employee eligible to apply against a deputation advertisement? Judged on the closing date,
// on the substantive grade (never the MACP level), with every failing reason (rules.md §5).
import { type CadreCode, gradeByCode, levelIndex, type PayLevel } from '../cadre/cadres.ts';
import { type EffectiveDated, inForce, type PolicySwitch, type Reason } from '../rules/citation.ts';
import { addYears, type CalendarDate, completedYears, formatOrderDate as d } from '../rules/dates.ts';
import { citeGround, type VigilanceClearance } from '../vigilance/clearance.ts';
import { DEPUTATION_CSCMS_ORDER, CSI_DEPUTATION_ORDERS, citeDeputation, type DeputationAdvertisement, MACP_CLARIFICATIONS } from './advertisement.ts';

export interface DeputationCandidate {
  employeeId: string;
  dateOfBirth: CalendarDate;
  /** substantive grade code (GRADES) — MACP does not change it */
  substantiveGrade: string;
  /** regular appointment in the substantive grade */
  gradeRegularFrom: CalendarDate;
  /** start of regular service in the cadre (CSS: the 9-year rule counts from here) */
  cadreServiceFrom: CalendarDate;
  /** the level actually drawn (e.g. after MACP); never used for eligibility */
  payLevel?: PayLevel;
}

export interface DeputationEligibilityInputs {
  vigilance: VigilanceClearance;
  iprCompliant: boolean;
  profileValidated: boolean;
  /** the last deputation and the last day on it (cooling-off counts from there) */
  lastDeputation?: { endedOn: CalendarDate } | null;
  /** the post applied for is in the personal staff of a Union Minister */
  ministersPersonalStaff: boolean;
  switches?: Partial<DeputationEligibilitySwitches>;
}

export type AgeBoundaryReading = 'EXACT' | 'COMPLETED_YEARS';
export interface DeputationEligibilitySwitches {
  /**
   * How "not above 56 (58)" reads on the closing date. EXACT: an officer older than exactly 56 years
   * (from the day after the 56th birthday) is above 56. COMPLETED_YEARS: above 56 only once 57 years
   * are completed.
   */
  ageBoundary: AgeBoundaryReading;
}
export const DEPUTATION_ELIGIBILITY_SWITCH_DEFAULTS: DeputationEligibilitySwitches = { ageBoundary: 'EXACT' };

export interface AgeLimitRule {
  belowLevel14: number;
  level14AndAbove: number;
}
export const DEPUTATION_AGE_LIMITS: readonly EffectiveDated<AgeLimitRule>[] = [
  { from: '2010-06-17', value: { belowLevel14: 56, level14AndAbove: 58 }, citation: citeDeputation(3) },
];

export interface CoolingOffRule {
  years: number;
  /** the cooling-off does not apply to appointments in the personal staff of Union Ministers */
  ministersPersonalStaffExempt: boolean;
  /** applies to Joint Secretary (Level 14) and below */
  upToLevel: PayLevel;
}
export const DEPUTATION_COOLING_OFF: readonly EffectiveDated<CoolingOffRule>[] = [
  { from: '2010-06-17', value: { years: 3, ministersPersonalStaffExempt: false, upToLevel: '14' }, citation: citeDeputation(2) },
  { from: '2018-07-20', value: { years: 3, ministersPersonalStaffExempt: true, upToLevel: '14' }, citation: citeDeputation(2, CSI_DEPUTATION_ORDERS) },
];

export const CSS_MIN_SERVICE_YEARS = 9;

export interface DeputationEligibility {
  eligible: boolean;
  /** the date everything is judged on: the closing date of the advertisement */
  asOn: CalendarDate;
  /** every failing reason */
  reasons: Reason[];
  /** checks passed and other information */
  notes: Reason[];
  switches: PolicySwitch<unknown>[];
}

const cite = citeDeputation;

export function deputationEligibility(
  employee: DeputationCandidate,
  ad: DeputationAdvertisement,
  inputs: DeputationEligibilityInputs,
  tables: { ageLimits?: readonly EffectiveDated<AgeLimitRule>[]; coolingOff?: readonly EffectiveDated<CoolingOffRule>[] } = {},
): DeputationEligibility {
  const asOn = ad.closingDate;
  const sw: DeputationEligibilitySwitches = { ...DEPUTATION_ELIGIBILITY_SWITCH_DEFAULTS, ...inputs.switches };
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  const fail = (x: Reason) => reasons.push(x);
  const pass = (x: Reason) => notes.push(x);
  const ministersStaff = inputs.ministersPersonalStaff || !!ad.ministersPersonalStaff;
  const grade = gradeByCode(employee.substantiveGrade);
  const switches: PolicySwitch<unknown>[] = [
    {
      key: 'deputation.ageBoundary',
      value: sw.ageBoundary,
      default: DEPUTATION_ELIGIBILITY_SWITCH_DEFAULTS.ageBoundary,
      description: 'Reading of "not above 56 (58)" on the closing date: EXACT (above once a day older than 56 years) or COMPLETED_YEARS (above once 57 years are completed).',
    },
  ];
  if (!grade) {
    fail({ code: 'DEP_GRADE_UNKNOWN', en: `Unknown substantive grade ${employee.substantiveGrade}.`, hi: `अज्ञात मूल ग्रेड ${employee.substantiveGrade}।`, citation: cite(7) });
    return { eligible: false, asOn, reasons, notes, switches };
  }
  const cadre: CadreCode = grade.cadre;

  // cadre and feeder grade/level — on the substantive grade (MACP clarification 6)
  if (!ad.eligibleCadres.includes(cadre))
    fail({ code: 'DEP_CADRE_NOT_ELIGIBLE', en: `The advertisement is not open to ${cadre}.`, hi: `यह विज्ञापन ${cadre} के लिए खुला नहीं है।`, citation: cite(7) });
  const matches = ad.feeder.filter((f) => f.grade === grade.code || f.level === grade.level);
  if (matches.length === 0) {
    const macpWouldMatch = employee.payLevel && employee.payLevel !== grade.level && ad.feeder.some((f) => f.level === employee.payLevel);
    fail({
      code: 'DEP_GRADE_NOT_ELIGIBLE',
      en: `Substantive grade ${grade.abbrev} (Level ${grade.level}) is not among the feeder grades/levels${macpWouldMatch ? `; the MACP Level ${employee.payLevel} does not count` : ''}.`,
      hi: `मूल ग्रेड ${grade.abbrev} (स्तर ${grade.level}) पोषक ग्रेड/स्तरों में नहीं है${macpWouldMatch ? `; एमएसीपी स्तर ${employee.payLevel} की गणना नहीं होती` : ''}।`,
      citation: macpWouldMatch ? { order: MACP_CLARIFICATIONS, para: 'clarification 6' } : cite(7),
    });
  } else {
    const met = matches.find((f) => addYears(employee.gradeRegularFrom, f.minRegularServiceYears) <= asOn);
    if (!met) {
      const need = Math.min(...matches.map((f) => f.minRegularServiceYears));
      const dueOn = addYears(employee.gradeRegularFrom, need);
      fail({
        code: 'DEP_SERVICE_IN_GRADE_SHORT',
        en: `${need} years' regular service as ${grade.abbrev} needed by ${d(asOn)}; regular from ${d(employee.gradeRegularFrom)}, completes on ${d(dueOn)}.`,
        hi: `${d(asOn)} तक ${grade.abbrev} के रूप में ${need} वर्ष की नियमित सेवा आवश्यक; ${d(employee.gradeRegularFrom)} से नियमित, ${d(dueOn)} को पूर्ण।`,
        citation: cite(7),
      });
    } else
      pass({
        code: 'DEP_FEEDER_OK',
        en: `Substantive grade ${grade.abbrev} with ${met.minRegularServiceYears} years' regular service meets the feeder requirement.`,
        hi: `मूल ग्रेड ${grade.abbrev} में ${met.minRegularServiceYears} वर्ष की नियमित सेवा पोषक अपेक्षा पूरी करती है।`,
        citation: cite(7),
      });
  }
  if (employee.payLevel && employee.payLevel !== grade.level)
    notes.push({
      code: 'DEP_MACP_IGNORED',
      en: `Judged on the substantive grade (Level ${grade.level}), not the MACP Level ${employee.payLevel}.`,
      hi: `मूल ग्रेड (स्तर ${grade.level}) के आधार पर निर्णय, एमएसीपी स्तर ${employee.payLevel} के आधार पर नहीं।`,
      citation: { order: MACP_CLARIFICATIONS, para: 'clarification 6' },
    });

  // no move from a higher level to a post in a lower level
  if (levelIndex(ad.level) < levelIndex(grade.level))
    fail({
      code: 'DEP_LOWER_LEVEL',
      en: `The post is in Level ${ad.level}, below the substantive Level ${grade.level}: no deputation to a lower level.`,
      hi: `पद स्तर ${ad.level} में है, जो मूल स्तर ${grade.level} से नीचे है: निम्न स्तर पर प्रतिनियुक्ति नहीं।`,
      citation: cite(4),
    });

  // age on the closing date
  const ageRow = inForce(tables.ageLimits ?? DEPUTATION_AGE_LIMITS, asOn);
  if (ageRow) {
    const max = levelIndex(ad.level) >= levelIndex('14') ? ageRow.value.level14AndAbove : ageRow.value.belowLevel14;
    const age = completedYears(employee.dateOfBirth, asOn);
    const above = sw.ageBoundary === 'EXACT' ? addYears(employee.dateOfBirth, max) < asOn : age > max;
    const reading = `policy switch deputation.ageBoundary = ${sw.ageBoundary}`;
    if (above)
      fail({
        code: 'DEP_AGE_ABOVE_LIMIT',
        en: `Age on the closing date ${d(asOn)} is above ${max} (${age} completed years; ${reading}).`,
        hi: `अंतिम तिथि ${d(asOn)} को आयु ${max} से अधिक है (${age} पूर्ण वर्ष; नीति विकल्प deputation.ageBoundary = ${sw.ageBoundary})।`,
        citation: ageRow.citation,
      });
    else
      pass({
        code: 'DEP_AGE_OK',
        en: `Age on the closing date ${d(asOn)} is not above ${max} (${reading}).`,
        hi: `अंतिम तिथि ${d(asOn)} को आयु ${max} से अधिक नहीं है (नीति विकल्प deputation.ageBoundary = ${sw.ageBoundary})।`,
        citation: ageRow.citation,
      });
  }

  // CSS: 9 years of service (not for Ministers' personal staff)
  if (cadre === 'CSS') {
    if (ministersStaff)
      pass({
        code: 'DEP_CSS_9_YEARS_NOT_APPLICABLE',
        en: "The 9-year condition does not apply to the personal staff of Ministers.",
        hi: 'मंत्रियों के निजी स्टाफ पर 9 वर्ष की शर्त लागू नहीं होती।',
        citation: cite(5, CSI_DEPUTATION_ORDERS),
      });
    else {
      const nine = addYears(employee.cadreServiceFrom, CSS_MIN_SERVICE_YEARS);
      if (nine > asOn)
        fail({
          code: 'DEP_CSS_9_YEARS',
          en: `CSS officers go on deputation only after 9 years of service: from ${d(employee.cadreServiceFrom)} that is ${d(nine)}, after the closing date ${d(asOn)}.`,
          hi: `सीएसएस अधिकारी 9 वर्ष की सेवा के बाद ही प्रतिनियुक्ति पर जा सकते हैं: ${d(employee.cadreServiceFrom)} से यह ${d(nine)} है, जो अंतिम तिथि ${d(asOn)} के बाद है।`,
          citation: cite(5, CSI_DEPUTATION_ORDERS),
        });
      else pass({ code: 'DEP_CSS_9_YEARS_OK', en: '9 years of CSS service completed.', hi: 'सीएसएस में 9 वर्ष की सेवा पूर्ण।', citation: cite(5, CSI_DEPUTATION_ORDERS) });
    }
  }

  // cooling-off after the last deputation
  if (inputs.lastDeputation) {
    const row = inForce(tables.coolingOff ?? DEPUTATION_COOLING_OFF, asOn);
    if (row) {
      const ends = addYears(inputs.lastDeputation.endedOn, row.value.years);
      const applies = levelIndex(grade.level) <= levelIndex(row.value.upToLevel);
      if (ministersStaff && row.value.ministersPersonalStaffExempt)
        pass({
          code: 'DEP_COOLING_OFF_EXEMPT',
          en: "No cooling-off for appointment to the personal staff of a Union Minister (from 20.07.2018).",
          hi: 'केंद्रीय मंत्री के निजी स्टाफ में नियुक्ति हेतु कोई कूलिंग-ऑफ नहीं (20.07.2018 से)।',
          citation: row.citation,
        });
      else if (applies && ends >= asOn)
        reasons.push({
          code: 'DEP_COOLING_OFF',
          en: `Cooling-off of ${row.value.years} years after the deputation that ended on ${d(inputs.lastDeputation.endedOn)} runs to ${d(ends)}.`,
          hi: `${d(inputs.lastDeputation.endedOn)} को समाप्त प्रतिनियुक्ति के बाद ${row.value.years} वर्ष की कूलिंग-ऑफ अवधि ${d(ends)} तक है।`,
          citation: row.citation,
          until: ends,
        });
      else if (applies)
        pass({ code: 'DEP_COOLING_OFF_OVER', en: `Cooling-off ended on ${d(ends)}.`, hi: `कूलिंग-ऑफ ${d(ends)} को समाप्त।`, citation: row.citation });
    }
  }

  // vigilance, IPR, profile
  if (inputs.vigilance.status !== 'CLEAR')
    fail({
      code: 'DEP_VIGILANCE_WITHHELD',
      en: `Not clear from the vigilance angle: ${inputs.vigilance.grounds.map((g) => g.en).join(' ')}`,
      hi: `सतर्कता की दृष्टि से अनापत्ति नहीं: ${inputs.vigilance.grounds.map((g) => g.hi).join(' ')}`,
      citation: cite(5, CSI_DEPUTATION_ORDERS),
      ...(inputs.vigilance.reviewOn ? { until: inputs.vigilance.reviewOn } : {}),
    });
  if (!inputs.iprCompliant)
    fail({
      code: 'DEP_IPR_NOT_COMPLIANT',
      en: "The immovable property return due was not filed online in time.",
      hi: 'देय अचल संपत्ति विवरणी समय पर ऑनलाइन नहीं दी गई।',
      citation: citeGround(11),
    });
  if (!inputs.profileValidated)
    fail({
      code: 'DEP_PROFILE_NOT_VALIDATED',
      en: 'The service profile has not been validated by the Nodal Officer.',
      hi: 'सेवा प्रोफ़ाइल का नोडल अधिकारी द्वारा सत्यापन नहीं हुआ है।',
      citation: { order: DEPUTATION_CSCMS_ORDER, para: 'para 2, 3.1' },
    });
  if (ad.qualifications.length > 0)
    notes.push({
      code: 'DEP_QUALIFICATIONS_BY_BORROWER',
      en: 'Educational qualifications and experience are judged by the borrowing organisation.',
      hi: 'शैक्षिक योग्यता और अनुभव का आकलन उधार लेने वाला संगठन करता है।',
      citation: cite(6),
    });
  return { eligible: reasons.length === 0, asOn, reasons, notes, switches };
}
