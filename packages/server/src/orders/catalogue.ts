// The orders the portal's rules cite (rules.md §1–§9) and the documents of the seeds (seed 000; seed 004
// split into its separate orders). Where the seeds hold the full text, `textFile` names it (texts/*.txt,
// copied from the seeds); otherwise the body is the lines of rules.md that cite the order and the record
// says so (fullText: false). Codes are the `orderId` of the engines' citations: keep them stable.
import { DA_NOTIFIED } from '@cscms/domain/da';

export type OrderKind = 'OM' | 'RULES' | 'ORDER' | 'LETTER' | 'PRESS_RELEASE' | 'NOTICE';

export interface CatalogueOrder {
  code: string;
  number: string;
  /** YYYY-MM-DD, null when a body of rules has no single date */
  date: string | null;
  department: string;
  subject: string;
  kind: OrderKind;
  /** file under texts/ holding the full text (from the seeds) */
  textFile?: string;
  /** the citing lines of rules.md, when the full text is not in the seeds */
  citingText?: string;
  source: 'SEED' | 'RULES';
  note?: string;
  /** other keys the engines cite the same order by (Citation.orderId) */
  aliases?: string[];
}

const DOPT = 'Ministry of Personnel, Public Grievances and Pensions, Department of Personnel and Training';
const NOT_IN_SEEDS = 'The full text of this order is not in the seed documents; the text below is the lines of rules.md that cite it.';
const NO_NUMBER = 'rules.md names this amendment by its date only; the number is not recorded. The text below is the lines of rules.md that cite it.';

export const ORDERS: readonly CatalogueOrder[] = [
  // ---- seed documents -------------------------------------------------------------------------
  {
    code: 'CSCMS-REVAMP-2022', aliases: ['CSCMS-OM-2022'], number: 'F.No. 21/04/2022-CSCMS', date: '2022-11-15', department: DOPT, kind: 'OM', source: 'SEED', textFile: 'CSCMS-REVAMP-2022.txt',
    subject: 'Revamp of the Central Secretariat Cadre Management Services (CSCMS) to enable end to end online delivery of services to the employees of CSS, CSSS and CSCS Cadres',
  },
  {
    code: 'MACPS-CLAR-2010', aliases: ['DOPT-35034-3-2008-ESTT-D-2010-09-09'], number: 'O.M. No. 35034/3/2008-Estt.(D)', date: '2010-09-09', department: `${DOPT}, Establishment (D)`, kind: 'OM', source: 'SEED', textFile: 'MACPS-CLAR-2010.txt',
    subject: 'Modified Assured Career Progression Scheme (MACPS) for the Central Government civilian employees – clarifications',
  },
  {
    code: 'CCL-2010', aliases: ['DOPT-13018-1-2010-ESTT-L-2010-09-07'], number: 'O.M. No. 13018/1/2010-Estt.(Leave)', date: '2010-09-07', department: DOPT, kind: 'OM', source: 'SEED', textFile: 'CCL-2010.txt',
    subject: 'Child Care Leave in respect of Central Government employees as a result of Sixth Central Pay Commission recommendations – clarification',
  },
  {
    code: 'KVS-NEW-KV-2010', number: 'F.11029-12/2009-KVS(Admn.I)-1117', date: '2010-08-30', department: 'Kendriya Vidyalaya Sangathan', kind: 'ORDER', source: 'SEED', textFile: 'KVS-NEW-KV-2010.txt',
    subject: 'Opening of new Kendriya Vidyalayas under Civil Sector',
  },
  {
    code: 'CGHS-DIALYSIS-2010', number: 'O.M. No. 25-30/-09-CGHS/SZ/Pt. II', date: '2010-09-01', department: 'Ministry of Health and Family Welfare, Department of Health & Family Welfare', kind: 'OM', source: 'SEED', textFile: 'CGHS-DIALYSIS-2010.txt',
    subject: 'Stand-alone Dialysis Centre set up by CGHS at Sadiq Nagar on PPP mode',
    note: 'The text includes the press note on the centre that the seed printed before the O.M.',
  },
  {
    code: 'CFTI-PENSION-2010', number: 'F.No. 24-1/2010-TS.II', date: '2010-08-31', department: 'Ministry of Human Resource Development, Department of Higher Education, Technical Section-II', kind: 'LETTER', source: 'SEED', textFile: 'CFTI-PENSION-2010.txt',
    subject: 'Revision of pension of pre-2006 pensioners etc. for faculty and other staff of Centrally Funded Technical Institutions (CFTIs)',
  },
  {
    code: 'TRB-LIBRARIAN-2010', number: 'Message from TRB (no number)', date: '2010-09-02', department: 'Teachers Recruitment Board, Tamil Nadu', kind: 'NOTICE', source: 'SEED', textFile: 'TRB-LIBRARIAN-2010.txt',
    subject: 'Direct recruitment of Librarian, Assistant Librarian and Information Officers – certificate verification and interview',
    note: 'A State recruitment notice printed in seed 004; not a Government of India order.',
  },
  {
    code: 'AIS-HAG-PAY-2010', number: 'F.No. 20011/5/2009-AIS-II', date: '2010-09-01', department: DOPT, kind: 'LETTER', source: 'SEED', textFile: 'AIS-HAG-PAY-2010.txt',
    subject: 'Fixation of pay on promotion to HAG scale on exercise of option under sub-rule (8A) of rule 4 of the IAS (Pay) Rules, 2007 – clarification',
  },
  {
    code: 'CPI-IW-2010-07', number: 'Labour Bureau press release (no number)', date: null, department: 'Ministry of Labour and Employment, Labour Bureau', kind: 'PRESS_RELEASE', source: 'SEED', textFile: 'CPI-IW-2010-07.txt',
    subject: 'All India Consumer Price Index Number for Industrial Workers (CPI-IW), base 2001=100, for July 2010',
    note: 'The seed gives no date of release; the index is for July 2010.',
  },
  {
    code: 'UGC-PAY-2010', number: 'No. 1-36/2009-U.II', date: '2010-08-26', department: 'Ministry of Human Resource Development, Department of Higher Education', kind: 'LETTER', source: 'SEED', textFile: 'UGC-PAY-2010.txt',
    subject: 'Scheme of revision of pay of teachers and equivalent cadres in universities and colleges',
  },

  // ---- §1 pay -----------------------------------------------------------------------------------
  {
    code: 'CCS-RP-RULES-2016', number: 'G.S.R. 721(E)', date: '2016-07-25', department: 'Ministry of Finance, Department of Expenditure', kind: 'RULES', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Central Civil Services (Revised Pay) Rules, 2016 – 7th CPC pay matrix and pay fixation (rule 13)',
    citingText:
      'The pay matrix (CCS (Revised Pay) Rules 2016) is data, loaded from a table, not hand-coded. First cells: L1 18,000 · L2 19,900 · L3 21,700 · L4 25,500 · L5 29,200 · L6 35,400 · L7 44,900 · L8 47,600 · L9 53,100 · L10 56,100 · L11 67,700 · L12 78,800 · L13 1,23,100 · L14 1,44,200. Each next cell in a level is the previous one plus 3%, rounded to the nearest ₹100 (L4: 25,500 → 26,300 → 27,100 → 27,900 → 28,700 → 29,600).\n\n' +
      'Pay fixation on promotion or MACP (Rule 13, CCS (RP) Rules 2016): one increment in the present level (the next cell), then the cell in the new level equal to it or, failing that, the next higher cell. Example: ₹44,900 in L7 → ₹46,200 → L8 → ₹47,600.',
  },

  // ---- §2 MACP ----------------------------------------------------------------------------------
  {
    code: 'MACPS-2009', aliases: ['DOPT-35034-3-2008-ESTT-D-2009-05-19'], number: 'O.M. No. 35034/3/2008-Estt.(D)', date: '2009-05-19', department: `${DOPT}, Establishment (D)`, kind: 'OM', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Modified Assured Career Progression Scheme (MACPS) for the Central Government civilian employees',
    citingText:
      '1. Three financial upgradations, counted from the direct entry grade, on completion of 10, 20 and 30 years of continuous regular service — or earlier, whenever the employee has spent 10 years continuously in the same level: whichever is earlier.\n' +
      '2. Effective from 01.09.2008 or the date of completing the years, whichever is later; benefits that fell due between 01.01.2006 and 31.08.2008 were given under the old ACP scheme (12/24 years, in the promotional hierarchy) and count as upgradations (seed 004, clarification 3).\n' +
      '3. An upgradation moves to the immediately next level of the pay matrix — not to the level of the next promotion post (an SSA at L4 goes to L5, not to ASO\'s L7).\n' +
      '4. At most three in a career, and regular promotions count toward the three (clarification 8: three promotions → nothing more). Promotions between grades that carry the same level after the 6th CPC merger are ignored.\n' +
      '5. Regular service starts on joining the entry grade on a regular basis (clarification 4); earlier regular service in the same level in another department without a break counts, but the benefit waits for satisfactory completion of probation in the new post. Ad-hoc/contract service does not count. Deputation service in the same level before absorption counts (clarification 5).\n' +
      '6. A deferred upgradation (found unfit — benchmark "Very Good" for all from 25.07.2016 — or under departmental proceedings) defers the next ones by the same period (clarification 7).\n' +
      '7. A regular promotion offered and refused before the entitlement: no upgradation.\n' +
      '8. Not for Organised Group \'A\' services (clarification 2); MACP is personal: it does not change designation, seniority or eligibility for deputation, which looks at the substantive grade (clarification 6); deputation allowance ignores the MACP pay (clarification 10).\n' +
      '9. Pay on upgradation is fixed as in §1 (3% at every stage, clarification 11).\n\n' +
      'Example: DR ASO (L7) regular from 01.01.2005, no promotion → 01.01.2015 L8, 01.01.2025 L9, 01.01.2035 L10.',
  },
  {
    code: 'MACPS-7CPC-2016', aliases: ['DOPT-35034-3-2015-ESTT-D-2016-09-28', 'DOPT-35034-3-2015-ESTT-D'], number: 'O.M. No. 35034/3/2015-Estt.(D)', date: '2016-09-28', department: `${DOPT}, Establishment (D)`, kind: 'OM', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Modified Assured Career Progression Scheme (MACPS) after the 7th Central Pay Commission: upgradation to the next level of the pay matrix; benchmark "Very Good"',
    citingText:
      'MACP — Modified Assured Career Progression (O.M. 35034/3/2008-Estt.(D) of 19.05.2009; clarifications of 09.09.2010 in seed 004; 7th CPC O.M. 35034/3/2015-Estt.(D) of 28.09.2016).\n' +
      'An upgradation moves to the immediately next level of the pay matrix — not to the level of the next promotion post (an SSA at L4 goes to L5, not to ASO\'s L7).\n' +
      'A deferred upgradation (found unfit — benchmark "Very Good" for all from 25.07.2016 — or under departmental proceedings) defers the next ones by the same period (clarification 7).',
  },

  {
    code: 'ACP-1999', aliases: ['DOPT-35034-1-97-ESTT-D-1999-08-09'], number: 'O.M. No. 35034/1/97-Estt.(D)', date: '1999-08-09', department: `${DOPT}, Establishment (D)`, kind: 'OM', source: 'RULES',
    note: 'Cited by the MACP engine for upgradations that fell due before 01.09.2008; not named in rules.md by number and not in the seeds. The text below is the lines of rules.md and seed 004 that speak of the ACP scheme.',
    subject: 'Assured Career Progression (ACP) Scheme for Central Government civilian employees',
    citingText:
      'Effective from 01.09.2008 or the date of completing the years, whichever is later; benefits that fell due between 01.01.2006 and 31.08.2008 were given under the old ACP scheme (12/24 years, in the promotional hierarchy) and count as upgradations (seed 004, clarification 3).\n' +
      'Seed 004, clarification 3: The new MACPS has come into existence w.e.f. 01.09.2008. However, the pay structure has been changed w.e.f. 01.01.2006. Therefore the previous ACPS would be applicable in the new pay structure adopted w.e.f. 01.01.2006.',
  },

  // ---- §3 Child Care Leave ----------------------------------------------------------------------
  {
    code: 'CCS-LEAVE-RULES-1972', number: 'CCS (Leave) Rules, 1972, rule 43-C', date: '1972-06-01', department: DOPT, kind: 'RULES', source: 'RULES', note: `${NOT_IN_SEEDS} The date is that of the Rules' commencement; rule 43-C was inserted from 01.09.2008.`,
    subject: 'Central Civil Services (Leave) Rules, 1972 – rule 43-C, Child Care Leave',
    citingText:
      '1. Who: women employees; single male employees (unmarried, widower, divorcee) from 14.12.2018.\n' +
      '2. For the two eldest surviving children below 18; a child with ≥40% disability: below 22 from 03.03.2010, no age limit from 13.06.2018.\n' +
      '3. 730 days in the whole service. Leave salary 100% for the first 365 days, 80% for the next 365 (from 14.12.2018; count all CCL days ever taken — policy switch).\n' +
      '4. Spells per calendar year: at most 3; single female at most 6 (from 14.12.2018); the sanctioning authority may allow up to 3 more (max 6) when the child is an in-patient in hospital (from 29.07.2024). A spell that runs into the next year counts in the year it starts.\n' +
      '5. Minimum length of a spell: 15 days (01.09.2008–04.06.2014); none (05.06.2014–12.06.2018); 5 days (from 13.06.2018).\n' +
      '6. Not ordinarily during probation: route to the sanctioning authority with a mandatory justification, never auto-approve, keep the period minimal.\n' +
      '7. Treated like earned leave: weekends and holidays inside the spell count; prior sanction is mandatory; a separate CCL account; can be combined with other leave.\n\n' +
      'Example: 360 days used, new spell 01.03.2025–10.03.2025 → 5 days at 100%, 5 days at 80%, balance 360.\n' +
      'Example: a married woman\'s fourth spell in 2025 → rejected; a single mother\'s fourth → allowed.',
  },
  {
    code: 'CCL-2008', number: 'O.M. No. 13018/2/2008-Estt.(L)', date: '2008-09-11', department: DOPT, kind: 'OM', source: 'SEED',
    note: 'Named in the CCL O.M. of 07.09.2010 (seed 004, para 2); its full text is not in the seeds. The text below is the lines of seed 004 that cite it.',
    subject: 'Introduction of Child Care Leave in respect of Central Government employees (Sixth Central Pay Commission recommendations)',
    citingText:
      "2. This Department's O.M. No.13018/2/2008-Estt.(L) dated 11/09/2008 regarding introduction of Child Care Leave in respect of Central Government employees and subsequent clarifications vide O.Ms. dated 29/9/2008, 18/11/2008 and 2/12/2008 were reviewed.\n" +
      '4. These orders take effect from 1.9.2008. Earned Leave, if any, availed by women employees before availing CCL subsequent to the issue of the OM 13018/2/2008-Estt.(L) dated 18/11/2008 may be adjusted against CCL, if so requested by the employee.',
  },
  ...cclAmendment('2010-03-03', 'Child Care Leave for a disabled child: age limit raised to 22 years', 'a child with ≥40% disability: below 22 from 03.03.2010, no age limit from 13.06.2018.'),
  ...cclAmendment('2014-06-05', 'Child Care Leave: no minimum length of a spell', 'Minimum length of a spell: 15 days (01.09.2008–04.06.2014); none (05.06.2014–12.06.2018); 5 days (from 13.06.2018).'),
  ...cclAmendment('2018-06-13', 'Child Care Leave: no age limit for a disabled child; minimum spell of 5 days', 'a child with ≥40% disability: below 22 from 03.03.2010, no age limit from 13.06.2018.\nMinimum length of a spell: 15 days (01.09.2008–04.06.2014); none (05.06.2014–12.06.2018); 5 days (from 13.06.2018).'),
  ...cclAmendment('2018-12-14', 'Child Care Leave: single male employees; leave salary 100% / 80%; six spells for a single female employee',
    'Who: women employees; single male employees (unmarried, widower, divorcee) from 14.12.2018.\n730 days in the whole service. Leave salary 100% for the first 365 days, 80% for the next 365 (from 14.12.2018; count all CCL days ever taken — policy switch).\nSpells per calendar year: at most 3; single female at most 6 (from 14.12.2018).'),
  ...cclAmendment('2024-07-29', 'Child Care Leave: up to 3 more spells when the child is an in-patient in hospital', 'the sanctioning authority may allow up to 3 more (max 6) when the child is an in-patient in hospital (from 29.07.2024).'),

  // ---- §4 private foreign visit -----------------------------------------------------------------
  {
    code: 'PFV-2015', number: 'O.M. No. 11013/8/2015-Estt.A-III', date: '2015-07-27', department: `${DOPT}, Establishment A-III`, kind: 'OM', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Permission for private foreign visits by Government servants',
    citingText:
      '1. Separate prior permission is needed besides the leave sanction; the competent authority is the one the cadre authority names, failing that the leave-sanctioning authority.\n' +
      '2. Deficiencies in an application are pointed out within 7 days; the decision is given within 21 days of a complete application (the clock starts when it is complete).\n' +
      '3. A refusal is decided at Head of Department level or above, with reasons.\n' +
      '5. The application lists countries, dates, purpose, source of funds, leave applied for, address abroad, and private foreign visits of the preceding 4 years.\n\n' +
      'Example: complete application received 03.03.2025 → decision due by 24.03.2025.',
  },
  {
    code: 'CSI-PFV-2013', number: 'O.M. No. 2/1/2013-CS-I(P)', date: '2013-01-17', department: `${DOPT}, CS.I Division`, kind: 'OM', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Private foreign visits of CSS officers: vigilance clearance before forwarding to the cadre authority',
    citingText: '4. Vigilance status is fetched automatically; for CSS US and above the AVD vigilance clearance is needed before forwarding to the cadre authority (CS.I).',
  },

  // ---- §5 deputation ----------------------------------------------------------------------------
  {
    code: 'DEPUTATION-2010', number: 'O.M. No. 6/8/2009-Estt.(Pay-II)', date: '2010-06-17', department: `${DOPT}, Establishment (Pay-II)`, kind: 'OM', source: 'RULES', note: `${NOT_IN_SEEDS} Amended 17.02.2016 and 18.05.2018.`,
    subject: 'Consolidated guidelines on deputation: tenure, cooling-off, age limit, deputation (duty) allowance',
    citingText:
      '1. Tenure as in the recruitment rules of the post, else 5 years; extension to the 6th year by the borrowing Secretary, to the 7th by its Minister; never beyond 7 years.\n' +
      '2. Cooling-off: 3 years after every deputation (Joint Secretary and below); none for the personal staff of Union Ministers (from 20.07.2018).\n' +
      '3. Age on the closing date of applications: not above 56 for posts below Level 14, 58 for Level 14 and above (boundary reading is a policy switch).\n' +
      '4. No deputation from a higher level to a post in a lower level.\n' +
      '7. Eligibility is judged on the substantive grade, not the MACP level.\n' +
      '8. Deputation (duty) allowance (from 01.07.2017): same station 5% of basic, max ₹4,500; other station 10%, max ₹9,000; ceilings rise 25% each time DA rises by 50%; basic without MACP.\n\n' +
      'Example: joined deputation 01.07.2020, rules silent → ends 30.06.2025; the hard cap is 30.06.2027.',
  },
  ...amendment('DEPUTATION-AMEND-2016', '2016-02-17', `${DOPT}, Establishment (Pay-II)`, 'Deputation guidelines: amendment of 17.02.2016 to O.M. No. 6/8/2009-Estt.(Pay-II)', 'DoPT O.M. 6/8/2009-Estt.(Pay-II) of 17.06.2010 as amended 17.02.2016 and 18.05.2018.'),
  ...amendment('DEPUTATION-AMEND-2018', '2018-05-18', `${DOPT}, Establishment (Pay-II)`, 'Deputation guidelines: amendment of 18.05.2018 to O.M. No. 6/8/2009-Estt.(Pay-II)', 'DoPT O.M. 6/8/2009-Estt.(Pay-II) of 17.06.2010 as amended 17.02.2016 and 18.05.2018.'),
  ...amendment('CSI-DEPUTATION-2010', '2010-08-18', `${DOPT}, CS.I Division`, 'Deputation of CSS officers: cadre clearance and forwarding (CS.I O.M. of 18.08.2010)',
    '5. CSS officers: only after 9 years of service and clear from the vigilance angle (the 9 years do not apply to Ministers\' personal staff).\n6. Cadre clearance: CS.I for US and above; the Ministry (cadre unit) for SO/ASO. Forwarding carries the vigilance clearance, an integrity certificate, penalties of the last 10 years and APAR gradings of the last 5 years.'),
  ...amendment('CSI-DEPUTATION-2018-04', '2018-04-13', `${DOPT}, CS.I Division`, 'Deputation of CSS officers (CS.I O.M. of 13.04.2018)',
    '5. CSS officers: only after 9 years of service and clear from the vigilance angle (the 9 years do not apply to Ministers\' personal staff).\n6. Cadre clearance: CS.I for US and above; the Ministry (cadre unit) for SO/ASO.'),
  ...amendment('CSI-DEPUTATION-2018-08', '2018-08-03', `${DOPT}, CS.I Division`, 'Deputation of CSS officers (CS.I O.M. of 03.08.2018)',
    '5. CSS officers: only after 9 years of service and clear from the vigilance angle (the 9 years do not apply to Ministers\' personal staff).\n6. Cadre clearance: CS.I for US and above; the Ministry (cadre unit) for SO/ASO.'),

  // ---- §6 vigilance -----------------------------------------------------------------------------
  {
    code: 'VIGILANCE-2007', number: 'O.M. No. 11012/11/2007-Estt.(A)', date: '2007-12-14', department: `${DOPT}, Establishment (A)`, kind: 'OM', source: 'RULES', note: `${NOT_IN_SEEDS} Amended 27.09.2011 and 21.06.2013.`,
    subject: 'Guidelines for grant of vigilance clearance to members of the Central Civil Services',
    citingText:
      'Clearance for empanelment, deputation (and its extension), sensitive posts, non-mandatory training, foreign visits and the other purposes of the 2024 O.M. is withheld only when, on the date asked: 1. under suspension; 2. on the Agreed List (review due one year after inclusion); 3. a charge-sheet has been issued and the proceeding is pending; 4. proceedings were ordered and a charge-sheet is served within 3 months of the order (after 3 months without one, this ground lapses); 5. a criminal charge-sheet is pending in court; 6. a criminal case was ordered and a charge-sheet is served within 3 months; 7. sanction for investigation or prosecution has been granted; 8. an FIR is registered and a charge-sheet is served within 3 months; 9. a trap/raid case on corruption charges is under investigation; 10. within 3 years after the currency of a minor penalty (major penalty: policy switch); 11. the previous year\'s IPR was not filed by 31 January (Group A and B).\n' +
      'A complaint alone is no ground; a preliminary inquiry older than 3 months is no ground. For promotion (DPC) only suspension, a pending charge-sheet, or a pending criminal prosecution count.',
  },
  ...amendment('VIGILANCE-AMEND-2011', '2011-09-27', `${DOPT}, Establishment (A)`, 'Vigilance clearance: amendment of 27.09.2011 to O.M. No. 11012/11/2007-Estt.(A)', 'DoPT O.M. 11012/11/2007-Estt.(A) of 14.12.2007 as amended 27.09.2011 and 21.06.2013.'),
  ...amendment('VIGILANCE-AMEND-2013', '2013-06-21', `${DOPT}, Establishment (A)`, 'Vigilance clearance: amendment of 21.06.2013 to O.M. No. 11012/11/2007-Estt.(A)', 'DoPT O.M. 11012/11/2007-Estt.(A) of 14.12.2007 as amended 27.09.2011 and 21.06.2013.'),
  {
    code: 'VIGILANCE-2024', number: 'O.M. No. 104/33/2024-AVD-IA', date: '2024-10-09', department: `${DOPT}, AVD-IA`, kind: 'OM', source: 'RULES', note: NOT_IN_SEEDS,
    subject: 'Guidelines for grant of vigilance clearance: purposes and grounds',
    citingText:
      'Vigilance status is a history of events (suspension, agreed list, disciplinary proceedings ordered, charge-sheet served, criminal charge-sheet in court, prosecution sanction, FIR, trap/raid case, penalty with its currency, complaint / preliminary inquiry, closure). Clearance for empanelment, deputation (and its extension), sensitive posts, non-mandatory training, foreign visits and the other purposes of the 2024 O.M. is withheld only when, on the date asked, one of the grounds of §6 holds.',
  },

  // ---- §7 immovable property return -------------------------------------------------------------
  {
    code: 'CCS-CONDUCT-RULES-1964', number: 'CCS (Conduct) Rules, 1964, rule 18', date: '1964-11-30', department: DOPT, kind: 'RULES', source: 'RULES', note: `${NOT_IN_SEEDS} The date is that of the Rules' notification.`,
    subject: 'Central Civil Services (Conduct) Rules, 1964 – rule 18, movable, immovable and valuable property (Immovable Property Return)',
    citingText:
      '1. Group A and B employees (CSS ASO and above; CSSS PA and above) file every year the position as on 31 December, by 31 January; Group C (CSCS) file only on first appointment.\n' +
      '2. Each property: description, location (district, sub-division, village, survey number), area, nature, extent of interest, in whose name and relationship, how and when acquired and from whom, value, annual income, remarks.\n' +
      '3. Only a return filed online by 31 January counts as filed; a late or paper return does not.',
  },

  // ---- §8 rotation transfer ---------------------------------------------------------------------
  {
    code: 'ROTATION-CSS-2022', aliases: ['CS.I-21/19/2022-CS.I(P)-2022-11-02'], number: 'O.M. No. 21/19/2022-CS.I(P)', date: '2022-11-02', department: `${DOPT}, CS.I Division`, kind: 'OM', source: 'RULES', note: `${NOT_IN_SEEDS} Modified 14.06.2023.`,
    subject: 'Rotation transfer policy for CSS officers',
    citingText:
      '1. Ministries are in Group A or Group B; a rotation moves an officer from one group to the other.\n' +
      '2. Minimum residency before a move (CSS): ASO 7 years, SO 7, US 6, DS/Director/JS 5; some Group A Ministries one year less. Residency includes continuous service in other grades in the same Ministry.\n' +
      '3. Residency is counted up to the date the round is initiated.\n' +
      '4. Excluded: within 2 years of superannuation; in a select list (promotion expected within a year).\n' +
      '5. Officers give ranked preferences for Ministries of the other group; selection goes longest residency first; where the numbers due in the two groups differ, equal numbers are taken from each, longest-serving first.\n' +
      '6. Allocation respects vacancies per Ministry and grade; every officer can read why they got what.\n\n' +
      'Example: CSS SO in a Group A Ministry since 01.07.2017, round initiated 01.08.2024 → eligible.',
  },
  ...amendment('ROTATION-CSS-2023', '2023-06-14', `${DOPT}, CS.I Division`, 'Rotation transfer policy for CSS officers: modification of 14.06.2023', 'CSS: O.M. 21/19/2022-CS.I(P) of 02.11.2022 as modified 14.06.2023.'),
  {
    code: 'ROTATION-CSSS-2015', aliases: ['CS.II-CSSS-ROTATION-2015-07-22'], number: 'CSSS rotation transfer policy', date: '2015-07-22', department: `${DOPT}, CS.II Division`, kind: 'OM', source: 'RULES', note: `${NOT_IN_SEEDS} rules.md does not give its number.`,
    subject: 'Rotation transfer policy for CSSS officers',
    citingText: 'Rotation transfer (CSSS: policy of 22.07.2015). Minimum residency before a move — CSSS: PA and PS 8 years, PPS/Sr PPS/PSO 6 years.',
  },

  // ---- cited by the engines, not named in rules.md ------------------------------------------------
  {
    code: 'CCS-RP-RULES-2008', number: 'CCS (Revised Pay) Rules, 2008', date: null, department: 'Ministry of Finance, Department of Expenditure', kind: 'RULES', source: 'RULES',
    note: 'Cited by the DA engine for the 6th CPC formula (base index 115.76); not named in rules.md and not in the seeds; the notification number and date are not recorded here.',
    subject: 'Central Civil Services (Revised Pay) Rules, 2008 – 6th CPC pay bands and grade pay; dearness allowance formula',
    citingText: 'Seed 004, clarification 1: The upgradations under MACPS is to be granted in the immediate next higher grade pay in the hierarchy of recommended revised pay (band and grade pay as prescribed in the CCS, (RP) Rules, 2008.',
  },
  {
    code: 'DPC-VIGILANCE-1992', number: 'O.M. No. 22011/4/91-Estt.(A)', date: '1992-09-14', department: `${DOPT}, Establishment (A)`, kind: 'OM', source: 'RULES',
    note: 'Cited by the vigilance engine (sealed cover for promotion); not in the seeds. The text below is the lines of rules.md that rest on it.',
    subject: 'Promotion of Government servants against whom disciplinary or court proceedings are pending (sealed cover procedure)',
    citingText: 'For promotion (DPC) only suspension, a pending charge-sheet, or a pending criminal prosecution count.',
  },
  {
    code: 'DEPUTATION-7CPC-2017', number: 'O.M. No. 2/11/2017-Estt.(Pay-II)', date: '2017-11-24', department: `${DOPT}, Establishment (Pay-II)`, kind: 'OM', source: 'RULES',
    note: 'Cited by the deputation engine (7th CPC deputation allowance, amending O.M. 6/8/2009-Estt.(Pay-II)); not in the seeds. The text below is the lines of rules.md that rest on it.',
    subject: 'Deputation (duty) allowance after the 7th Central Pay Commission',
    citingText: '8. Deputation (duty) allowance (from 01.07.2017): same station 5% of basic, max ₹4,500; other station 10%, max ₹9,000; ceilings rise 25% each time DA rises by 50%; basic without MACP.',
  },

  // ---- §9 dearness allowance --------------------------------------------------------------------
  {
    code: 'DA-CPI-IW', aliases: daAliases(), number: 'Dearness allowance orders of the Ministry of Finance (CPI-IW formula)', date: null, department: 'Ministry of Finance, Department of Expenditure', kind: 'OM', source: 'RULES',
    note: 'rules.md §9 names no single order: the paid rate is the one notified by the Finance Ministry, the formula serves projections. The text below is the lines of rules.md §9.',
    subject: 'Dearness allowance from the All India Consumer Price Index for Industrial Workers (CPI-IW)',
    citingText:
      'DA% = truncate(((12-month average CPI-IW, base 2001=100) − 261.42) / 261.42 × 100). Indices on base 2016=100 are multiplied by 2.88 first. Averages of July–June give the July rate, January–December the January rate. The paid rate is the one notified by the Finance Ministry (stored as data); the formula serves projections. Amounts: 50 paise and above round up to the next rupee.\n\n' +
      'Example: average 269.00 (base 2001) → 2% from 01.07.2016.',
  },
];

/** The keys the DA engine cites: the linking factor, the rounding rule, and one per notified rate (MOF-DA-<date>). */
function daAliases(): string[] {
  const rows = Object.values(DA_NOTIFIED).flat();
  const ids = rows.map((r) => r.citation.orderId).filter((x): x is string => !!x);
  return [...new Set(['MOF-DA-ROUNDING', 'LB-CPI-IW-2016-LINKING', ...ids])];
}

function amendment(code: string, date: string, department: string, subject: string, citingText: string): CatalogueOrder[] {
  const [y, m, d] = date.split('-');
  return [{ code, number: `Order of ${d}.${m}.${y} (number not recorded)`, date, department, subject, kind: 'OM', source: 'RULES', note: NO_NUMBER, citingText }];
}

function cclAmendment(date: string, subject: string, citingText: string): CatalogueOrder[] {
  return amendment(`CCL-AMEND-${date.slice(0, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`, date, DOPT, subject, citingText);
}

/** Rule versions: each effective-dated parameter of the engines and the order it rests on (rules.md §2, §3, §9). */
export interface CatalogueRuleVersion {
  ruleKey: string;
  from: string;
  orderCode: string;
  para?: string;
  parameters: Record<string, unknown>;
}

export const RULE_VERSIONS: readonly CatalogueRuleVersion[] = [
  { ruleKey: 'macp.scheme', from: '2008-09-01', orderCode: 'MACPS-2009', para: 'Annexure-I', parameters: { serviceYears: [10, 20, 30], sameLevelYears: 10, maxUpgradations: 3, countsPromotions: true } },
  { ruleKey: 'macp.acpTransition', from: '2006-01-01', orderCode: 'MACPS-CLAR-2010', para: 'clarification 3', parameters: { acpYears: [12, 24], until: '2008-08-31' } },
  { ruleKey: 'macp.nextLevel', from: '2016-01-01', orderCode: 'MACPS-7CPC-2016', parameters: { moveTo: 'next level of the pay matrix' } },
  { ruleKey: 'macp.benchmark', from: '2016-07-25', orderCode: 'MACPS-7CPC-2016', parameters: { benchmark: 'Very Good' } },
  { ruleKey: 'pay.fixation', from: '2016-01-01', orderCode: 'CCS-RP-RULES-2016', para: 'rule 13', parameters: { increments: 1, cell: 'equal or next higher' } },
  { ruleKey: 'ccl.totalDays', from: '2008-09-01', orderCode: 'CCS-LEAVE-RULES-1972', para: 'rule 43-C', parameters: { days: 730 } },
  { ruleKey: 'ccl.spellsPerYear', from: '2008-09-01', orderCode: 'CCL-2010', para: 'para 2(i)', parameters: { max: 3 } },
  { ruleKey: 'ccl.spellsPerYear.singleFemale', from: '2018-12-14', orderCode: 'CCL-AMEND-20181214', parameters: { max: 6 } },
  { ruleKey: 'ccl.spellsPerYear.hospitalRelaxation', from: '2024-07-29', orderCode: 'CCL-AMEND-20240729', parameters: { extra: 3, max: 6 } },
  { ruleKey: 'ccl.minSpellDays', from: '2008-09-01', orderCode: 'CCL-2010', para: 'para 2(ii)', parameters: { days: 15 } },
  { ruleKey: 'ccl.minSpellDays', from: '2014-06-05', orderCode: 'CCL-AMEND-20140605', parameters: { days: 0 } },
  { ruleKey: 'ccl.minSpellDays', from: '2018-06-13', orderCode: 'CCL-AMEND-20180613', parameters: { days: 5 } },
  { ruleKey: 'ccl.probation', from: '2008-09-01', orderCode: 'CCL-2010', para: 'para 2(iii)', parameters: { route: 'sanctioning authority', justification: 'mandatory' } },
  { ruleKey: 'ccl.singleMale', from: '2018-12-14', orderCode: 'CCL-AMEND-20181214', parameters: { eligible: true } },
  { ruleKey: 'ccl.leaveSalary', from: '2018-12-14', orderCode: 'CCL-AMEND-20181214', parameters: { first365: 100, next365: 80 } },
  { ruleKey: 'ccl.disabledChildAge', from: '2010-03-03', orderCode: 'CCL-AMEND-20100303', parameters: { belowAge: 22, disabilityPercent: 40 } },
  { ruleKey: 'ccl.disabledChildAge', from: '2018-06-13', orderCode: 'CCL-AMEND-20180613', parameters: { belowAge: null, disabilityPercent: 40 } },
  { ruleKey: 'da.formula', from: '2016-01-01', orderCode: 'DA-CPI-IW', parameters: { base2001: 261.42, linkingFactor2016: 2.88, truncate: true } },
];
