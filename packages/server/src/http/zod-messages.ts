import type { z } from 'zod';
import type { FieldError } from './errors.ts';

/** Zod issues → field errors with plain words in English and Hindi. */
export function zodFieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)';
    const [en, hi] = words(i);
    return { field, code: i.code, en: `${field}: ${en}`, hi: `${field}: ${hi}` };
  });
}

function words(i: z.core.$ZodIssue): [string, string] {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined
        ? ['this is required', 'यह आवश्यक है']
        : [`expected ${i.expected}`, `अपेक्षित प्रकार: ${i.expected}`];
    case 'too_big':
      return [`must be at most ${String(i.maximum)}${i.origin === 'string' ? ' characters' : ''}`, `अधिकतम ${String(i.maximum)}${i.origin === 'string' ? ' अक्षर' : ''} होना चाहिए`];
    case 'too_small':
      return [`must be at least ${String(i.minimum)}${i.origin === 'string' ? ' characters' : ''}`, `कम से कम ${String(i.minimum)}${i.origin === 'string' ? ' अक्षर' : ''} होना चाहिए`];
    case 'unrecognized_keys':
      return [`unknown field(s): ${i.keys.join(', ')}`, `अज्ञात फ़ील्ड: ${i.keys.join(', ')}`];
    case 'invalid_value':
      return [`must be one of: ${i.values.map(String).join(', ')}`, `इनमें से एक होना चाहिए: ${i.values.map(String).join(', ')}`];
    case 'invalid_format':
      return [`is not in the right format (${i.format})`, `सही प्रारूप (${i.format}) में नहीं है`];
    default:
      return [i.message, i.message];
  }
}
