// Calendar dates ("YYYY-MM-DD", Asia/Kolkata) for the domain. No clock here: callers pass "as on" dates.
export type CalendarDate = string;

const RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: unknown): s is CalendarDate {
  if (typeof s !== 'string') return false;
  const m = RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parts(d: CalendarDate): [number, number, number] {
  const m = RE.exec(d);
  if (!m) throw new RangeError(`not a calendar date: ${d}`);
  return [+m[1], +m[2], +m[3]];
}

function fromUtc(t: Date): CalendarDate {
  return t.toISOString().slice(0, 10);
}

export function toUtcMs(d: CalendarDate): number {
  const [y, m, day] = parts(d);
  return Date.UTC(y, m - 1, day);
}

export function addDays(d: CalendarDate, n: number): CalendarDate {
  return fromUtc(new Date(toUtcMs(d) + n * 86_400_000));
}

/** Same calendar day n months later; 31st falls back to the last day of a shorter month. */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  const [y, m, day] = parts(d);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(ny, nm, Math.min(day, last))));
}

/** "Completion of N years" from D falls due on the same calendar day N years later (rules.md preamble). */
export function addYears(d: CalendarDate, n: number): CalendarDate {
  return addMonths(d, 12 * n);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000);
}

/** Inclusive count of days in [from, to]. */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return daysBetween(from, to) + 1;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(...ds: CalendarDate[]): CalendarDate {
  return ds.reduce((a, b) => (a >= b ? a : b));
}

export function minDate(...ds: CalendarDate[]): CalendarDate {
  return ds.reduce((a, b) => (a <= b ? a : b));
}

export function yearOf(d: CalendarDate): number {
  return parts(d)[0];
}

/** Completed years of age (or service) from `from` on `on`. */
export function completedYears(from: CalendarDate, on: CalendarDate): number {
  const [fy, fm, fd] = parts(from);
  const [oy, om, od] = parts(on);
  let years = oy - fy;
  if (om < fm || (om === fm && od < fd)) years -= 1;
  return years;
}

/** Today's calendar date in Asia/Kolkata for an instant (the server injects the instant). */
export function calendarDateInIndia(instant: Date): CalendarDate {
  return fromUtc(new Date(instant.getTime() + 330 * 60_000));
}

/** Format DD.MM.YYYY as the orders write dates. */
export function formatOrderDate(d: CalendarDate): string {
  const [y, m, day] = parts(d);
  return `${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}
