import { appendAudit } from '../audit/audit.ts';
import { one, sql, type Executor } from '../db/client.ts';

/**
 * Demo data only: every generated employee gets a first profile version, validated, built from the registration
 * data — as on a portal already in use — so that the services (which need a validated profile) work in the demo.
 * Set-based: one INSERT … SELECT per table. Deterministic (addresses and categories from the employee code).
 */
export async function validateDemoProfiles(ex: Executor, now: Date): Promise<number> {
  return ex.transaction(async (tx) => {
    const at = now.toISOString();
    const pick = (arr: string[], salt: string) =>
      sql.raw(`(ARRAY[${arr.map((a) => `'${a.replace(/'/g, "''")}'`).join(',')}])[1 + abs(hashtext(e.employee_code || '${salt}')) % ${arr.length}]`);
    const data = sql`jsonb_build_object(
      'personal', jsonb_build_object(
        'nameEn', e.name_en, 'nameHi', CASE WHEN e.name_hi ~ '^[ऀ-ॿ][ऀ-ॿ .]*$' THEN e.name_hi ELSE 'कर्मचारी' END,
        'dateOfBirth', e.date_of_birth, 'gender', e.gender, 'category', ${pick(['GEN', 'GEN', 'OBC', 'OBC', 'SC', 'ST', 'EWS'], 'c')},
        'pwbd', jsonb_build_object('is', false), 'maritalStatus', e.marital_status,
        'mobile', CASE WHEN e.mobile ~ '^[6-9][0-9]{9}$' THEN e.mobile ELSE '9' || lpad((abs(hashtext(e.employee_code)) % 1000000000)::text, 9, '0') END,
        'email', coalesce(e.email, lower(replace(e.employee_code, '/', '.')) || '@nic.in'),
        'presentAddress', jsonb_build_object('line1', 'Quarter ' || (1 + abs(hashtext(e.employee_code || 'q')) % 900) || ', ' || ${pick(['Sector 5, R.K. Puram', 'Lodhi Colony', 'Sarojini Nagar', 'Gole Market', 'Kidwai Nagar East', 'Netaji Nagar'], 'a')},
          'city', 'New Delhi', 'district', 'New Delhi', 'state', 'Delhi', 'pin', ${pick(['110022', '110003', '110023', '110001', '110023', '110023'], 'p')}),
        'permanentAddress', jsonb_build_object('line1', 'House ' || (1 + abs(hashtext(e.employee_code || 'h')) % 300) || ', Main Road',
          'city', ${pick(['Lucknow', 'Patna', 'Jaipur', 'Bhopal', 'Dehradun', 'Shimla', 'Ranchi'], 'k')}, 'district', ${pick(['Lucknow', 'Patna', 'Jaipur', 'Bhopal', 'Dehradun', 'Shimla', 'Ranchi'], 'k')},
          'state', ${pick(['Uttar Pradesh', 'Bihar', 'Rajasthan', 'Madhya Pradesh', 'Uttarakhand', 'Himachal Pradesh', 'Jharkhand'], 'k')}, 'pin', ${pick(['226001', '800001', '302001', '462001', '248001', '171001', '834001'], 'k')})),
      'qualifications', jsonb_build_array(jsonb_build_object('level', 'GRADUATE', 'subject', ${pick(['Arts', 'Commerce', 'Science', 'Engineering'], 's')}, 'institution', ${pick(['University of Delhi', 'University of Lucknow', 'Patna University', 'University of Rajasthan'], 'u')}, 'year', extract(year FROM e.date_of_birth)::int + 21)),
      'training', '[]'::jsonb,
      'languages', jsonb_build_array(jsonb_build_object('language', 'Hindi', 'read', true, 'write', true, 'speak', true), jsonb_build_object('language', 'English', 'read', true, 'write', true, 'speak', true)),
      'family', jsonb_build_object('children', coalesce((SELECT jsonb_agg(jsonb_build_object('name', c.name, 'dateOfBirth', c.date_of_birth, 'gender', CASE WHEN abs(hashtext(c.name)) % 2 = 0 THEN 'F' ELSE 'M' END, 'disabilityPercent', c.disability_percent) ORDER BY c.date_of_birth)
                                                              FROM child c WHERE c.employee_id = e.id), '[]'::jsonb)))`;
    await tx.execute(sql`
      INSERT INTO profile_version (employee_id, version_no, data, status, diff, remarks, submitted_at, decided_at)
      SELECT e.id, 1, ${data}, 'VALIDATED', '[]'::jsonb, 'Demo data: validated before the demo starts', ${at}::timestamptz, ${at}::timestamptz
        FROM employee e WHERE NOT EXISTS (SELECT 1 FROM profile p WHERE p.employee_id = e.id)`);
    const r = await one<{ n: number }>(tx, sql`
      WITH ins AS (
        INSERT INTO profile (employee_id, state, data, version, ever_submitted, submitted_version_no, validated_version_no, updated_at)
        SELECT v.employee_id, 'VALIDATED', v.data, 1, true, 1, 1, ${at}::timestamptz FROM profile_version v
         WHERE v.version_no = 1 AND NOT EXISTS (SELECT 1 FROM profile p WHERE p.employee_id = v.employee_id)
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`);
    await appendAudit(tx, { actor: { kind: 'SYSTEM' }, at: now }, { entity: 'seed', entityId: 'demo-profiles', action: 'seed.profiles.validated', changes: { profiles: r!.n } });
    return r!.n;
  });
}
