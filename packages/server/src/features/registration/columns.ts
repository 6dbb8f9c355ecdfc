import { Email, Mobile, NameEn, NameHi } from '@cscms/domain/profile';
import { completedYears, gradeByCode, isCalendarDate, superannuationDate, type CadreCode } from '@cscms/domain';

/** The columns of the registration file, in order, with what each holds (the template documents them). */
export const COLUMNS = [
  { key: 'employee_code', required: true, en: 'Employee code (unique; the key of re-imports)', hi: 'कर्मचारी कोड (अद्वितीय; पुनः आयात की कुंजी)' },
  { key: 'name_en', required: true, en: 'Name in English', hi: 'अंग्रेज़ी में नाम' },
  { key: 'name_hi', required: false, en: 'Name in Hindi (Devanagari)', hi: 'हिंदी में नाम (देवनागरी)' },
  { key: 'date_of_birth', required: true, en: 'Date of birth YYYY-MM-DD', hi: 'जन्म तिथि YYYY-MM-DD' },
  { key: 'gender', required: true, en: 'F, M or T', hi: 'F, M या T' },
  { key: 'marital_status', required: false, en: 'UNMARRIED, MARRIED, WIDOWED or DIVORCED', hi: 'UNMARRIED, MARRIED, WIDOWED या DIVORCED' },
  { key: 'mobile', required: false, en: '10-digit mobile number', hi: '10 अंकों का मोबाइल नंबर' },
  { key: 'email', required: false, en: 'Official e-mail (used to match the first e-Parichay login)', hi: 'आधिकारिक ई-मेल (पहले ई-परिचय लॉगिन के मिलान हेतु)' },
  { key: 'login_id', required: false, en: 'e-Parichay login id', hi: 'ई-परिचय लॉगिन आईडी' },
  { key: 'cadre', required: true, en: 'CSS, CSSS or CSCS', hi: 'CSS, CSSS या CSCS' },
  { key: 'grade', required: true, en: 'Present grade code, e.g. CSS.SO', hi: 'वर्तमान ग्रेड कोड, जैसे CSS.SO' },
  { key: 'entry_grade', required: true, en: 'Grade of entry into the cadre, e.g. CSS.ASO', hi: 'संवर्ग में प्रवेश का ग्रेड, जैसे CSS.ASO' },
  { key: 'entry_date', required: true, en: 'Date of joining the entry grade on a regular basis', hi: 'प्रवेश ग्रेड में नियमित आधार पर कार्यग्रहण की तिथि' },
  { key: 'present_grade_date', required: true, en: 'Date of joining the present grade', hi: 'वर्तमान ग्रेड में कार्यग्रहण की तिथि' },
  { key: 'ministry_code', required: true, en: 'Ministry/Department code (see the masters)', hi: 'मंत्रालय/विभाग कोड (मास्टर देखें)' },
  { key: 'ministry_join_date', required: true, en: 'Date of joining the present Ministry', hi: 'वर्तमान मंत्रालय में कार्यग्रहण की तिथि' },
  { key: 'select_list_year', required: false, en: 'Select list year, if any', hi: 'चयन सूची वर्ष, यदि कोई हो' },
  { key: 'probation_end', required: false, en: 'End of probation, if on probation', hi: 'परिवीक्षा की समाप्ति, यदि परिवीक्षाधीन' },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export interface RegistrationRow {
  employee_code: string;
  name_en: string;
  name_hi: string;
  date_of_birth: string;
  gender: 'F' | 'M' | 'T';
  marital_status: string;
  mobile: string | null;
  email: string | null;
  login_id: string | null;
  cadre: CadreCode;
  grade: string;
  pay_level: string;
  entry_grade: string;
  entry_date: string;
  present_grade_date: string;
  ministry_id: number;
  ministry_join_date: string;
  select_list_year: number | null;
  probation_end: string | null;
  superannuation_date: string;
}

export interface RowError {
  row: number;
  column: string;
  value: string;
  en: string;
  hi: string;
}

const e = (row: number, column: string, value: string, en: string, hi: string): RowError => ({ row, column, value: value.slice(0, 200), en, hi });

/** Checks one data row (1-based row number as in the file, header = row 1) and normalises it. */
export function checkRow(
  rowNo: number,
  cells: Record<string, string>,
  ctx: { ministries: Map<string, number>; cadres: readonly CadreCode[]; today: string },
): { row?: RegistrationRow; errors: RowError[] } {
  const errs: RowError[] = [];
  const v = (k: ColumnKey) => (cells[k] ?? '').trim();
  for (const c of COLUMNS) if (c.required && !v(c.key)) errs.push(e(rowNo, c.key, '', 'is required', 'आवश्यक है'));
  for (const c of COLUMNS) if (v(c.key).length > 200) errs.push(e(rowNo, c.key, v(c.key), 'is longer than 200 characters', '200 अक्षरों से अधिक है'));
  if (errs.length) return { errors: errs };
  const date = (k: ColumnKey, req = true) => {
    const x = v(k);
    if (!x && !req) return null;
    if (!isCalendarDate(x)) {
      errs.push(e(rowNo, k, x, 'is not a real date written YYYY-MM-DD', 'YYYY-MM-DD रूप में वास्तविक तिथि नहीं है'));
      return null;
    }
    if (x > ctx.today && k !== 'probation_end') errs.push(e(rowNo, k, x, 'is in the future', 'भविष्य की तिथि है'));
    return x;
  };
  if (!/^[A-Za-z0-9/._-]{2,30}$/.test(v('employee_code'))) errs.push(e(rowNo, 'employee_code', v('employee_code'), 'use 2–30 letters, digits, / . _ or -', '2–30 अक्षर, अंक, / . _ या - का प्रयोग करें'));
  if (!NameEn.safeParse(v('name_en')).success) errs.push(e(rowNo, 'name_en', v('name_en'), 'use English letters, spaces, dots, apostrophes or hyphens', 'अंग्रेज़ी अक्षर, रिक्त स्थान, बिंदु, एपॉस्ट्रॉफ़ी या हाइफ़न का प्रयोग करें'));
  if (v('name_hi') && !NameHi.safeParse(v('name_hi')).success) errs.push(e(rowNo, 'name_hi', v('name_hi'), 'write the name in Devanagari script', 'नाम देवनागरी लिपि में लिखें'));
  const dob = date('date_of_birth');
  const gender = v('gender').toUpperCase();
  if (!['F', 'M', 'T'].includes(gender)) errs.push(e(rowNo, 'gender', v('gender'), 'must be F, M or T', 'F, M या T होना चाहिए'));
  const marital = (v('marital_status') || 'MARRIED').toUpperCase();
  if (!['UNMARRIED', 'MARRIED', 'WIDOWED', 'DIVORCED'].includes(marital)) errs.push(e(rowNo, 'marital_status', v('marital_status'), 'must be UNMARRIED, MARRIED, WIDOWED or DIVORCED', 'UNMARRIED, MARRIED, WIDOWED या DIVORCED होना चाहिए'));
  if (v('mobile') && !Mobile.safeParse(v('mobile')).success) errs.push(e(rowNo, 'mobile', v('mobile'), 'a mobile number is 10 digits starting with 6–9', 'मोबाइल नंबर 6–9 से शुरू होने वाले 10 अंक का होता है'));
  if (v('email') && !Email.safeParse(v('email')).success) errs.push(e(rowNo, 'email', v('email'), 'not a valid e-mail address', 'मान्य ई-मेल पता नहीं है'));
  if (v('login_id') && !/^[A-Za-z0-9@._-]{3,100}$/.test(v('login_id'))) errs.push(e(rowNo, 'login_id', v('login_id'), 'use letters, digits, @ . _ or -', 'अक्षर, अंक, @ . _ या - का प्रयोग करें'));
  const cadre = v('cadre').toUpperCase() as CadreCode;
  if (!['CSS', 'CSSS', 'CSCS'].includes(cadre)) errs.push(e(rowNo, 'cadre', v('cadre'), 'must be CSS, CSSS or CSCS', 'CSS, CSSS या CSCS होना चाहिए'));
  else if (!ctx.cadres.includes(cadre)) errs.push(e(rowNo, 'cadre', v('cadre'), 'is not a cadre you administer', 'यह आपके द्वारा प्रशासित संवर्ग नहीं है'));
  const grade = gradeByCode(v('grade'));
  const entry = gradeByCode(v('entry_grade'));
  if (!grade || grade.cadre !== cadre) errs.push(e(rowNo, 'grade', v('grade'), `is not a grade of ${cadre}`, `${cadre} का ग्रेड नहीं है`));
  if (!entry || entry.cadre !== cadre) errs.push(e(rowNo, 'entry_grade', v('entry_grade'), `is not a grade of ${cadre}`, `${cadre} का ग्रेड नहीं है`));
  else if (grade && entry.rank > grade.rank) errs.push(e(rowNo, 'entry_grade', v('entry_grade'), 'is above the present grade', 'वर्तमान ग्रेड से ऊपर है'));
  const entryDate = date('entry_date');
  const presentDate = date('present_grade_date');
  const ministryJoin = date('ministry_join_date');
  const probation = date('probation_end', false);
  if (dob && entryDate) {
    const age = completedYears(dob, entryDate);
    if (age < 18 || age > 60) errs.push(e(rowNo, 'entry_date', entryDate, `age at entry would be ${age}; it must be 18 to 60`, `प्रवेश के समय आयु ${age} होगी; 18 से 60 होनी चाहिए`));
  }
  if (entryDate && presentDate && presentDate < entryDate) errs.push(e(rowNo, 'present_grade_date', presentDate, 'is before the entry date', 'प्रवेश तिथि से पहले है'));
  if (entryDate && ministryJoin && ministryJoin < entryDate) errs.push(e(rowNo, 'ministry_join_date', ministryJoin, 'is before the entry date', 'प्रवेश तिथि से पहले है'));
  const ministryId = ctx.ministries.get(v('ministry_code').toUpperCase());
  if (ministryId == null) errs.push(e(rowNo, 'ministry_code', v('ministry_code'), 'is not a known Ministry/Department code', 'ज्ञात मंत्रालय/विभाग कोड नहीं है'));
  const sly = v('select_list_year');
  if (sly && !/^(19[5-9]\d|20\d\d)$/.test(sly)) errs.push(e(rowNo, 'select_list_year', sly, 'must be a year such as 2023', '2023 जैसा वर्ष होना चाहिए'));
  if (errs.length || !dob || !entryDate || !presentDate || !ministryJoin || !grade || !entry || ministryId == null) return { errors: errs };
  return {
    errors: [],
    row: {
      employee_code: v('employee_code'),
      name_en: v('name_en'),
      name_hi: v('name_hi'),
      date_of_birth: dob,
      gender: gender as 'F',
      marital_status: marital,
      mobile: v('mobile') || null,
      email: v('email').toLowerCase() || null,
      login_id: v('login_id') || null,
      cadre,
      grade: grade.code,
      pay_level: grade.level,
      entry_grade: entry.code,
      entry_date: entryDate,
      present_grade_date: presentDate,
      ministry_id: ministryId,
      ministry_join_date: ministryJoin,
      select_list_year: sly ? Number(sly) : null,
      probation_end: probation,
      superannuation_date: superannuationDate(dob),
    },
  };
}
