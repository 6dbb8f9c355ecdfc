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

// Day numbers after 1970-01-01 without Date objects (H. Hinnant's days-from-civil / civil-from-days): the
// engines and the demo generator do millions of these.
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber(d: CalendarDate): number {
  const [y0, m, day] = parts(d);
  const y = y0 - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (inverse of dayNumber). */
export function fromDayNumber(z0: number): CalendarDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function toUtcMs(d: CalendarDate): number {
  return dayNumber(d) * 86_400_000;
}

export function addDays(d: CalendarDate, n: number): CalendarDate {
  return fromDayNumber(dayNumber(d) + n);
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
  return dayNumber(b) - dayNumber(a);
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
