import { completedYears, type CalendarDate } from '../rules/dates.ts';
import type { ProfileData, ServiceFacts } from './schema.ts';

/** A field-level problem found by the cross-field checks: the path of the field and words in en and hi. */
export interface FieldProblem {
  field: string;
  code: string;
  en: string;
  hi: string;
}

/** Words for the format checks of schema.ts (zod message keys). */
export const FORMAT_MESSAGES: Record<string, { en: string; hi: string }> = {
  date: { en: 'must be a real date written YYYY-MM-DD', hi: 'वास्तविक तिथि YYYY-MM-DD रूप में होनी चाहिए' },
  name_en: { en: 'use English letters, spaces, dots, apostrophes or hyphens', hi: 'अंग्रेज़ी अक्षर, रिक्त स्थान, बिंदु, एपॉस्ट्रॉफ़ी या हाइफ़न का प्रयोग करें' },
  name_hi: { en: 'write the name in Devanagari (Hindi) script', hi: 'नाम देवनागरी (हिंदी) लिपि में लिखें' },
  pan: { en: 'PAN is five letters, four digits and a letter, with P as the fourth letter (e.g. ABCPE1234F)', hi: 'पैन में पाँच अक्षर, चार अंक और एक अक्षर होते हैं, चौथा अक्षर P (जैसे ABCPE1234F)' },
  mobile: { en: 'a mobile number is 10 digits starting with 6, 7, 8 or 9', hi: 'मोबाइल नंबर 6, 7, 8 या 9 से शुरू होने वाले 10 अंक का होता है' },
  pin: { en: 'a PIN code is 6 digits and does not start with 0', hi: 'पिन कोड 6 अंकों का होता है और 0 से शुरू नहीं होता' },
  email: { en: 'not a valid e-mail address', hi: 'मान्य ई-मेल पता नहीं है' },
};

/**
 * Checks that need more than one field: age at entry 18–60, present grade not before entry, dates not in the
 * future, children born after the employee was 15 and not in the future, postings in order.
 */
export function crossFieldProblems(p: ProfileData, s: ServiceFacts | null, today: CalendarDate): FieldProblem[] {
  const out: FieldProblem[] = [];
  const dob = p.personal.dateOfBirth;
  if (dob > today) out.push({ field: 'personal.dateOfBirth', code: 'future', en: 'date of birth cannot be in the future', hi: 'जन्म तिथि भविष्य की नहीं हो सकती' });
  if (s) {
    const age = completedYears(dob, s.entryDate);
    if (age < 18 || age > 60)
      out.push({ field: 'personal.dateOfBirth', code: 'age_at_entry', en: `age at entry into service would be ${age}; it must be between 18 and 60`, hi: `सेवा में प्रवेश के समय आयु ${age} होगी; यह 18 से 60 के बीच होनी चाहिए` });
    if (s.presentGradeDate < s.entryDate)
      out.push({ field: 'service.presentGradeDate', code: 'before_entry', en: 'date of joining the present grade cannot be before joining the entry grade', hi: 'वर्तमान ग्रेड में कार्यग्रहण की तिथि प्रवेश ग्रेड में कार्यग्रहण से पहले नहीं हो सकती' });
  }
  if (p.personal.pwbd.is && (p.personal.pwbd.percent ?? 0) < 40)
    out.push({ field: 'personal.pwbd.percent', code: 'pwbd_percent', en: 'a person with benchmark disability has 40% or more disability', hi: 'बेंचमार्क दिव्यांगता वाले व्यक्ति की दिव्यांगता 40% या अधिक होती है' });
  p.family.children.forEach((c, i) => {
    const f = `family.children.${i}.dateOfBirth`;
    if (c.dateOfBirth > today) out.push({ field: f, code: 'future', en: "a child's date of birth cannot be in the future", hi: 'संतान की जन्म तिथि भविष्य की नहीं हो सकती' });
    else if (completedYears(dob, c.dateOfBirth) < 15)
      out.push({ field: f, code: 'implausible', en: "a child's date of birth must be at least 15 years after yours", hi: 'संतान की जन्म तिथि आपकी जन्म तिथि से कम से कम 15 वर्ष बाद की होनी चाहिए' });
  });
  p.training.forEach((t, i) => {
    if (t.to < t.from) out.push({ field: `training.${i}.to`, code: 'order', en: 'training cannot end before it starts', hi: 'प्रशिक्षण आरंभ से पहले समाप्त नहीं हो सकता' });
    if (t.from > today) out.push({ field: `training.${i}.from`, code: 'future', en: 'only training already undergone is recorded', hi: 'केवल पूरा किया गया प्रशिक्षण दर्ज किया जाता है' });
  });
  p.qualifications.forEach((q, i) => {
    if (q.year > Number(today.slice(0, 4))) out.push({ field: `qualifications.${i}.year`, code: 'future', en: 'year of passing cannot be in the future', hi: 'उत्तीर्ण करने का वर्ष भविष्य का नहीं हो सकता' });
  });
  return out;
}
