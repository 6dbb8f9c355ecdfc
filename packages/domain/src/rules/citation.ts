import type { CalendarDate } from './dates.ts';

/** Where a rule comes from: an order (O.M.) and its paragraph. `orderId` links to the orders library. */
export interface Citation {
  /** e.g. "O.M. 35034/3/2008-Estt.(D) dated 19.05.2009" */
  order: string;
  /** e.g. "para 2", "clarification 7", "rule 43-C(1)" */
  para?: string;
  /** key of the order in the orders library (orders table `code`) */
  orderId?: string;
}

/** One reason in a decision: a stable code, words in both languages, and its citation. */
export interface Reason {
  code: string;
  en: string;
  hi: string;
  citation: Citation;
  /** the date on which this ground lapses or must be reviewed, where there is one */
  until?: CalendarDate;
}

/** A parameter that changes over time: the value in force from `from` (inclusive) until the next row. */
export interface EffectiveDated<T> {
  from: CalendarDate;
  value: T;
  citation: Citation;
}

/** The row in force on `on`, or undefined before the first row. Rows may come in any order. */
export function inForce<T>(table: readonly EffectiveDated<T>[], on: CalendarDate): EffectiveDated<T> | undefined {
  let best: EffectiveDated<T> | undefined;
  for (const row of table) if (row.from <= on && (!best || row.from > best.from)) best = row;
  return best;
}

/** A policy switch: where an order is ambiguous the choice is configurable and named in the decision. */
export interface PolicySwitch<T> {
  key: string;
  value: T;
  default: T;
  description: string;
}
