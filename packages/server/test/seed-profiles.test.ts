import { describe, expect, it } from 'vitest';
import { ProfileData, crossFieldProblems } from '@cscms/domain/profile';
import { rows, sql } from '../src/db/client.ts';
import { seedDemo } from '../src/seed/index.ts';
import { testApp } from './harness.ts';

describe('demo profiles', () => {
  it('every seeded employee has a validated first version that passes the checks a real submission must pass', async () => {
    const t = await testApp('pglite');
    try {
      await seedDemo(t.database.db, { employees: 300, now: new Date('2026-11-01T06:00:00Z') });
      const ps = await rows<{ data: unknown; state: string; entry_date: string; present_grade_date: string }>(t.database.db, sql`
        SELECT p.data, p.state, e.entry_date, e.present_grade_date FROM profile p JOIN employee e ON e.id = p.employee_id`);
      expect(ps.length).toBe((await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM employee`))[0].n);
      const bad: string[] = [];
      for (const p of ps) {
        const r = ProfileData.safeParse(p.data);
        if (!r.success) bad.push(JSON.stringify(r.error.issues.slice(0, 2)));
        else {
          const probs = crossFieldProblems(r.data, { entryDate: p.entry_date, presentGradeDate: p.present_grade_date } as never, '2026-11-01');
          if (probs.length) bad.push(JSON.stringify(probs.slice(0, 2)));
        }
        expect(p.state).toBe('VALIDATED');
      }
      expect(bad.slice(0, 5)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
