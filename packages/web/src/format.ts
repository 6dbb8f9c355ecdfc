import type { Lang } from './api.ts';

const TZ = 'Asia/Kolkata';
const locale = (lang: string) => (lang === 'hi' ? 'hi-IN' : 'en-IN');

/** A timestamp in Indian Standard Time, in the user's language. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: TZ }).format(d);
}

/** A calendar date 'YYYY-MM-DD' (no time zone shift). */
export function formatDate(ymd: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** Renders a value of an API record for people: bilingual {en, hi} objects, names, dates, lists. */
export function displayValue(v: unknown, lang: Lang | string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? (lang === 'hi' ? 'हाँ' : 'Yes') : lang === 'hi' ? 'नहीं' : 'No';
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v, lang);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => displayValue(x, lang)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const pick = lang === 'hi' ? (o.hi ?? o.nameHi ?? o.name_hi) : (o.en ?? o.nameEn ?? o.name_en);
    if (typeof pick === 'string' && pick) return pick;
    for (const k of ['name', 'en', 'nameEn', 'label', 'code', 'id']) if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]);
    return JSON.stringify(v);
  }
  return String(v);
}
