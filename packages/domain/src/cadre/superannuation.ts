import { addDays, type CalendarDate } from '../rules/dates.ts';

/**
 * Superannuation: the afternoon of the last day of the month in which the employee attains 60 (FR 56(a));
 * one born on the 1st of a month attains 60 on the last day of the previous month, so retires then.
 */
export function superannuationDate(dob: CalendarDate): CalendarDate {
  let y = +dob.slice(0, 4) + 60;
  let m = +dob.slice(5, 7);
  if (+dob.slice(8, 10) === 1) m -= 1;
  if (m === 0) {
    m = 12;
    y -= 1;
  }
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}
