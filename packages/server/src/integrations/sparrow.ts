// SPARROW (Smart Performance Appraisal Report Recording Online Window) adapter: where the APAR gradings
// forwarded with a deputation application come from (rules.md §5 item 6: APAR gradings of the last 5 years).
// The portal talks to an `AparSource`; the embedded fake reads the `apar_grading` table, which holds the
// gradings loaded from SPARROW and those a Nodal Officer enters when forwarding. A real SPARROW client
// implements the same interface.
import { rows, sql, type Executor } from '../db/client.ts';

export const APAR_GRADINGS = ['OUTSTANDING', 'VERY_GOOD', 'GOOD', 'AVERAGE', 'BELOW_AVERAGE', 'NOT_WRITTEN'] as const;
export type AparGradingValue = (typeof APAR_GRADINGS)[number];

export interface AparGrading {
  /** reporting year: the financial year beginning 1 April of `year` */
  year: number;
  grading: AparGradingValue;
  /** the numeric grading (1–10) where the APAR gives one */
  score?: number | null;
  source: 'SPARROW' | 'ENTERED';
}

export interface AparSource {
  readonly kind: string;
  /** gradings of the employee for the reporting years asked; years without a grading are left out */
  gradings(employeeId: string, years: readonly number[]): Promise<AparGrading[]>;
}

/** The embedded fake: reads `apar_grading` in the caller's transaction. */
export function embeddedSparrow(ex: Executor): AparSource {
  return {
    kind: 'embedded',
    async gradings(employeeId, years) {
      if (years.length === 0) return [];
      const list = await rows<{ year: number; grading: AparGradingValue; score: string | number | null; source: 'SPARROW' | 'ENTERED' }>(ex, sql`
        SELECT year, grading, score, source FROM apar_grading
         WHERE employee_id = ${employeeId} AND year IN (${sql.join(years.map((y) => sql`${y}`), sql`, `)})
         ORDER BY year DESC`);
      return list.map((r) => ({ year: r.year, grading: r.grading, score: r.score == null ? null : Number(r.score), source: r.source }));
    },
  };
}

/** Stores gradings a Nodal Officer entered (they win over what SPARROW gave for the same year). */
export async function saveEnteredGradings(tx: Executor, employeeId: string, gradings: ReadonlyArray<{ year: number; grading: AparGradingValue; score?: number | null }>, by: string, now: Date): Promise<void> {
  for (const g of gradings) {
    await tx.execute(sql`
      INSERT INTO apar_grading (employee_id, year, grading, score, source, entered_by, entered_at)
      VALUES (${employeeId}, ${g.year}, ${g.grading}, ${g.score ?? null}, 'ENTERED', ${by}, ${now.toISOString()})
      ON CONFLICT (employee_id, year) DO UPDATE SET grading = EXCLUDED.grading, score = EXCLUDED.score, source = 'ENTERED',
        entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`);
  }
}

/**
 * The last `n` completed reporting years on `on` (a financial year ends on 31 March): on 15.01.2026 the
 * last completed year is 2024-25, so 2020 … 2024.
 */
export function lastReportingYears(on: string, n = 5): number[] {
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  const last = m >= 4 ? y - 1 : y - 2;
  return Array.from({ length: n }, (_, i) => last - i);
}
