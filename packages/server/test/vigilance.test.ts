import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@cscms/domain';
import { sql } from '../src/db/client.ts';
import { clearanceForViewer, toEngineEvents, type VigilanceEventRow } from '../src/features/vigilance/service.ts';
import { vigilanceClearance } from '@cscms/domain/vigilance';
import { refused } from './foreign-visit-helpers.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

describe.each(DATABASES)('vigilance status on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  let empA: string;
  let empB: string;
  const u = {} as Record<'empA' | 'empB' | 'nodalA' | 'nodalB' | 'avd' | 'csi' | 'csii' | 'admin' | 'subnodal', U>;
  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    empA = await makeEmployee(t, { ministryId: mA, grade: 'CSS.SO' });
    empB = await makeEmployee(t, { ministryId: mB, grade: 'CSS.SO' });
    u.empA = await makeUser(t, { employeeId: empA, roles: [{ role: 'EMPLOYEE' }] });
    u.empB = await makeUser(t, { employeeId: empB, roles: [{ role: 'EMPLOYEE' }] });
    u.nodalA = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mA }] });
    u.nodalB = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mB }] });
    u.avd = await makeUser(t, { roles: [{ role: 'AVD' }] });
    u.csi = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    u.csii = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    u.admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    const org = (await t.database.db.execute(sql`INSERT INTO organisation (ministry_id, name_en, kind) VALUES (${mA}, 'PSU', 'PSU') RETURNING id`)) as unknown as { rows: Array<{ id: number }> };
    u.subnodal = await makeUser(t, { roles: [{ role: 'SUB_NODAL_OFFICER', organisationId: org.rows[0].id }] });
  });
  afterAll(async () => t?.close());

  const record = (who: U, employee: string, event: Record<string, unknown>, orderRef = 'F.No. C-12011/4/2025-Vig') =>
    as(t, who, { method: 'POST', url: `/api/v1/vigilance/employees/${employee}/events`, payload: { event, orderRef } });

  it('AVD records a suspension: clearance withheld with the ground and its citation; the employee is told in plain words', async () => {
    const r = await record(u.avd, empA, { type: 'SUSPENSION', date: '2025-12-01', matter: 'VIG/2025/17' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().clearance.status).toBe('WITHHELD');
    expect(r.json().clearance.grounds[0].code).toBe('SUSPENDED');
    expect(r.json().clearance.grounds[0].citation.para).toBe('para 2(c)(i)');
    const me = await as(t, u.empA, { url: '/api/v1/vigilance/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().plainWords.en).toMatch(/withheld/);
    expect(me.json().plainWords.hi).toMatch(/रोकी गई/);
    const n = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'vigilance.updated' AND user_id = ${u.empA.userId}`);
    expect((n as unknown as { rows: Array<{ n: number }> }).rows[0].n).toBe(1);
  });

  it('who may record: AVD anyone, a Nodal Officer own Ministry only; nobody else', async () => {
    expect((await record(u.nodalA, empA, { type: 'COMPLAINT', date: '2025-11-01' })).statusCode).toBe(201);
    const other = await record(u.nodalB, empA, { type: 'COMPLAINT', date: '2025-11-01' });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    for (const who of [u.empA, u.csi, u.admin, u.subnodal]) {
      const r = await record(who, empA, { type: 'COMPLAINT', date: '2025-11-01' });
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    expect((await record(u.avd, empB, { type: 'COMPLAINT', date: '2025-11-01' })).statusCode).toBe(201);
  });

  it('refuses a malformed event naming the field; an unknown event to correct is named too', async () => {
    const bad = await record(u.avd, empA, { type: 'PENALTY', date: '2025-02-30', severity: 'MINOR', penalty: 'Censure' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('event.date');
    const noType = await record(u.avd, empA, { type: 'NOT_A_TYPE', date: '2025-01-01' });
    expect(noType.statusCode).toBe(400);
    const ghost = await record(u.avd, empA, { type: 'CORRECTION', date: '2025-12-02', corrects: '999999', replacement: null });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().field).toBe('event.corrects');
    const extra = await as(t, u.avd, { method: 'POST', url: `/api/v1/vigilance/employees/${empA}/events`, payload: { event: { type: 'FIR', date: '2025-01-01' }, orderRef: 'x', sneaky: 1 } });
    expect(extra.statusCode).toBe(400);
  });

  it('the history is append-only: a correction supersedes the event; the database refuses UPDATE and DELETE', async () => {
    const view = (await as(t, u.avd, { url: `/api/v1/vigilance/employees/${empA}` })).json();
    const susp = view.events.find((e: { type: string }) => e.type === 'SUSPENSION');
    const corr = await record(u.avd, empA, { type: 'CORRECTION', date: '2025-12-05', corrects: String(susp.id), replacement: null, note: 'entered against the wrong officer' });
    expect(corr.statusCode).toBe(201);
    // the suspension no longer counts; what remains is ground 11 (no return for 2024 on the portal)
    expect(corr.json().clearance.grounds.map((g: { code: string }) => g.code)).toEqual(['IPR_NOT_FILED']);
    const after = corr.json().events;
    expect(after.find((e: { id: number }) => e.id === susp.id).inForce).toBe(false);
    expect(after.find((e: { type: string }) => e.type === 'CORRECTION').correctsId).toBe(susp.id);
    expect(await refused(t.database.db.execute(sql`UPDATE vigilance_event SET order_ref = 'x' WHERE id = ${susp.id}`))).toMatch(/append-only/);
    expect(await refused(t.database.db.execute(sql`DELETE FROM vigilance_event WHERE id = ${susp.id}`))).toMatch(/append-only/);
  });

  it('a lapsing ground says when: proceedings ordered, no charge-sheet, lapse after 3 months; the Agreed List says its review date', async () => {
    const r = await record(u.avd, empB, { type: 'AGREED_LIST_INCLUDED', date: '2025-06-10' });
    const c = r.json().clearance;
    expect(c.status).toBe('WITHHELD');
    expect(c.grounds[0]).toMatchObject({ code: 'AGREED_LIST', until: '2026-06-10' });
    expect(c.reviewOn).toBe('2026-06-10');
    const dpc = await as(t, u.avd, { url: `/api/v1/vigilance/employees/${empB}?purpose=DPC` });
    expect(dpc.json().clearance.status).toBe('CLEAR');
  });

  it('finds the employee by code as well as by id', async () => {
    const code = (await as(t, u.avd, { url: `/api/v1/vigilance/employees/${empA}` })).json().employee.code;
    const r = await as(t, u.avd, { url: `/api/v1/vigilance/employees/${encodeURIComponent(code)}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().employee.id).toBe(empA);
    expect((await as(t, u.avd, { url: '/api/v1/vigilance/employees/NO-SUCH-CODE' })).statusCode).toBe(404);
  });

  it('field-level privacy, every role: details only for the employee, their Nodal Officer, AVD and the cadre authority', async () => {
    const expected: Array<[keyof typeof u, number, string | null]> = [
      ['empA', 200, null], ['empB', 403, 'OUT_OF_SCOPE'], ['nodalA', 200, null], ['nodalB', 403, 'OUT_OF_SCOPE'], ['avd', 200, null],
      ['csi', 200, null], ['csii', 403, 'OUT_OF_SCOPE'], ['admin', 403, 'FORBIDDEN'], ['subnodal', 403, 'FORBIDDEN'],
    ];
    for (const [who, status, code] of expected) {
      const r = await as(t, u[who], { url: `/api/v1/vigilance/employees/${empA}` });
      expect(r.statusCode, who).toBe(status);
      if (code) {
        expect(r.json().code, who).toBe(code);
        expect(r.body, who).not.toMatch(/VIG\/2025\/17|SUSPENSION|C-12011/);
      } else expect(r.json().events.length, who).toBeGreaterThan(0);
    }
    // roles other than these get at most clear / not clear from a service
    const c = { on: '2026-01-15', purpose: 'FOREIGN_VISIT' as const, status: 'WITHHELD' as const, grounds: [{ code: 'SUSPENDED', en: 'Under suspension', hi: 'निलंबित', citation: { order: 'x' } }], notes: [], switches: [] };
    const scope = { ownerEmployeeId: empA, ministryId: mA, cadre: 'CSS' as const };
    for (const role of ROLES.filter((r) => r !== 'AVD')) {
      const grant = { role, ministryId: role === 'NODAL_OFFICER' ? mB : null, cadres: role === 'CADRE_AUTHORITY' ? (['CSSS'] as never) : null };
      const seen = clearanceForViewer({ userId: 'x', employeeId: role === 'EMPLOYEE' ? empB : null, grants: [grant as { role: Role }] }, scope, c);
      expect(seen, role).toEqual({ on: c.on, purpose: c.purpose, status: 'WITHHELD', detailsHidden: true });
    }
    expect(clearanceForViewer({ userId: 'x', grants: [{ role: 'AVD' }] }, scope, c)?.detailsHidden).toBe(false);
  });

  it('an employee without an employee record gets 404 for /me; a Nodal Officer may not use /me', async () => {
    expect((await as(t, u.nodalA, { url: '/api/v1/vigilance/me' })).statusCode).toBe(404);
  });
});

describe('vigilance rows of the first data load (seed kinds)', () => {
  const row = (id: number, kind: string, event_date: string, details: Record<string, unknown> = {}): VigilanceEventRow =>
    ({ id, employee_id: 'e', kind, event_date, order_ref: 'x', details, corrects_id: null, matter: null, note: null, attachments: [], recorded_by: null, recorded_role: null, recorded_at: '' });
  const on = { purpose: 'FOREIGN_VISIT' as const, on: '2026-01-15', iprCompliance: { year: 2024, status: 'FILED' as const } };
  it('reads a revoked suspension as revoked, a minor penalty with its currency, a charge-sheet as served', () => {
    expect(vigilanceClearance(toEngineEvents(row(1, 'SUSPENSION', '2024-01-01', { status: 'REVOKED', rule: 'x' })), on).status).toBe('CLEAR');
    expect(vigilanceClearance(toEngineEvents(row(2, 'SUSPENSION', '2024-01-01', { status: 'IN_FORCE' })), on).grounds[0].code).toBe('SUSPENDED');
    const p = vigilanceClearance(toEngineEvents(row(3, 'PENALTY_MINOR', '2023-01-01', { penalty: 'CENSURE', currencyFrom: '2023-01-01', currencyTo: '2024-01-01' })), on);
    expect(p.grounds[0]).toMatchObject({ code: 'PENALTY_MINOR', until: '2027-01-01' });
    expect(vigilanceClearance(toEngineEvents(row(4, 'CHARGE_SHEET', '2025-06-01', { status: 'PENDING' })), on).grounds[0].code).toBe('CHARGE_SHEET_PENDING');
  });
});
