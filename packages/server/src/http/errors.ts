import type { Lang } from './lang.ts';

/** Stable error codes: clients and tests match on these, never on messages. */
export const ERRORS = {
  VALIDATION: { status: 400, en: 'Some of the information is not valid.', hi: 'कुछ जानकारी मान्य नहीं है।' },
  BAD_JSON: { status: 400, en: 'The request body is not valid JSON.', hi: 'अनुरोध का मुख्य भाग मान्य JSON नहीं है।' },
  FORBIDDEN_KEY: { status: 400, en: 'The request contains a forbidden key (__proto__ or constructor).', hi: 'अनुरोध में निषिद्ध कुंजी (__proto__ या constructor) है।' },
  UNAUTHENTICATED: { status: 401, en: 'Please log in to continue.', hi: 'जारी रखने के लिए कृपया लॉग इन करें।' },
  SESSION_EXPIRED: { status: 401, en: 'Your session has ended. Please log in again.', hi: 'आपका सत्र समाप्त हो गया है। कृपया फिर से लॉग इन करें।' },
  CSRF: { status: 403, en: 'The form could not be verified (security token missing or wrong). Reload the page and try again.', hi: 'फ़ॉर्म का सत्यापन नहीं हो सका (सुरक्षा टोकन नहीं है या गलत है)। पृष्ठ पुनः लोड करें और फिर प्रयास करें।' },
  FORBIDDEN: { status: 403, en: 'Your role does not allow this.', hi: 'आपकी भूमिका इसकी अनुमति नहीं देती।' },
  OUT_OF_SCOPE: { status: 403, en: 'This record is outside your Ministry, organisation or cadre.', hi: 'यह अभिलेख आपके मंत्रालय, संगठन या संवर्ग के बाहर है।' },
  SELF_APPROVAL: { status: 403, en: 'Nobody may decide their own request.', hi: 'कोई भी अपने स्वयं के अनुरोध पर निर्णय नहीं ले सकता।' },
  NOT_FOUND: { status: 404, en: 'Not found.', hi: 'नहीं मिला।' },
  METHOD_NOT_ALLOWED: { status: 405, en: 'This method is not allowed here.', hi: 'यहाँ यह विधि अनुमत नहीं है।' },
  STALE_VERSION: { status: 409, en: 'Someone else changed this record after you opened it. Reload to see their changes, then try again.', hi: 'आपके खोलने के बाद किसी और ने यह अभिलेख बदल दिया है। उनके परिवर्तन देखने के लिए पुनः लोड करें, फिर प्रयास करें।' },
  CONFLICT: { status: 409, en: 'This conflicts with the current state of the record.', hi: 'यह अभिलेख की वर्तमान स्थिति से मेल नहीं खाता।' },
  INVALID_STATE: { status: 409, en: 'This step is not possible in the present state of the application.', hi: 'आवेदन की वर्तमान स्थिति में यह चरण संभव नहीं है।' },
  WINDOW_CLOSED: { status: 409, en: 'The window for this has closed.', hi: 'इसकी समय-सीमा समाप्त हो गई है।' },
  PROFILE_NOT_VALIDATED: { status: 409, en: 'Your profile must be validated (or deemed final) before you can use this service.', hi: 'इस सेवा का उपयोग करने से पहले आपकी प्रोफ़ाइल का सत्यापन (या अंतिम मान लिया जाना) आवश्यक है।' },
  NOT_ELIGIBLE: { status: 422, en: 'Not eligible under the rules.', hi: 'नियमों के अंतर्गत पात्र नहीं।' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', hi: 'अनुरोध बहुत बड़ा है।' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'This content type is not accepted.', hi: 'यह सामग्री प्रकार स्वीकार्य नहीं है।' },
  RATE_LIMITED: { status: 429, en: 'Too many requests. Please wait a minute and try again.', hi: 'बहुत अधिक अनुरोध। कृपया एक मिनट प्रतीक्षा करें और फिर प्रयास करें।' },
  SERVICE_UNAVAILABLE: { status: 503, en: 'The service is not available right now. Please try again shortly.', hi: 'सेवा अभी उपलब्ध नहीं है। कृपया थोड़ी देर बाद प्रयास करें।' },
  INTERNAL: { status: 500, en: 'Something went wrong on our side. It has been logged; please try again.', hi: 'हमारी ओर से कुछ गड़बड़ हुई। इसे दर्ज कर लिया गया है; कृपया फिर प्रयास करें।' },
} as const satisfies Record<string, { status: number; en: string; hi: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  field: string;
  code: string;
  en: string;
  hi: string;
}

export interface AppErrorOptions {
  /** a specific message replacing the generic one for the code */
  en?: string;
  hi?: string;
  field?: string;
  errors?: FieldError[];
  /** extra members of the problem document (e.g. the current version on STALE_VERSION) */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type of the portal. Mapped to RFC 9457 problem+json only at the edge (http/problem.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly opts: AppErrorOptions;
  constructor(code: ErrorCode, opts: AppErrorOptions = {}) {
    super(opts.en ?? ERRORS[code].en, { cause: opts.cause });
    this.code = code;
    this.status = ERRORS[code].status;
    this.opts = opts;
  }
  message_(lang: Lang): string {
    return (lang === 'hi' ? this.opts.hi : this.opts.en) ?? ERRORS[this.code][lang];
  }
}

/** A field-level validation error, in both languages. */
export function fieldError(field: string, en: string, hi: string, code = 'invalid'): AppError {
  return new AppError('VALIDATION', { field, errors: [{ field, code, en, hi }], en, hi });
}
