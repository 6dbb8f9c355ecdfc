// Every registered route × every role × own/other Ministry. The table below is written by hand from the
// product's role model (product.md), not derived from the policies: a route missing here fails the test,
// so no route can be added without deciding who may call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@cscms/domain';
import { ROLES } from '@cscms/domain';
import { sql } from '../src/db/client.ts';
import { as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

type Side = 'own' | 'other';
interface Fixture {
  employee: Record<Side, string>;
  user: Record<Side, string>;
}
interface Entry {
  /** roles that pass the role test (the guard); everyone else must get 403 FORBIDDEN */
  roles: readonly Role[] | 'public';
  /** path parameters; a function of the fixture and the side (own / other Ministry) */
  params?: (f: Fixture, side: Side) => Record<string, string>;
  /** roles whose access depends on the Ministry/cadre/organisation: on the other side they get 403/404 */
  scoped?: readonly Role[];
  /** a well-formed body, so that the scope test (not validation) is what answers */
  body?: (f: Fixture, side: Side) => unknown;
}

const ALL = ROLES;
const STAFF: Role[] = ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'];
const emp = (f: Fixture, s: Side) => ({ employeeId: f.employee[s] });
const empId = (f: Fixture, s: Side) => ({ id: f.employee[s] });
const user = (f: Fixture, s: Side) => ({ id: f.user[s] });
const NO_UUID = '00000000-0000-4000-8000-000000000000';
/** a well-formed id of no record: the route answers 404 (or its scope test) once the guard let the role through */
const NO_ID = '00000000-0000-4000-8000-000000000000';

export const MATRIX: Record<string, Entry> = {
  'GET /auth/login': { roles: 'public' },
  'GET /auth/callback': { roles: 'public' },
  'POST /auth/logout': { roles: ALL },
  'GET /api/v1/me': { roles: ALL },
  'PUT /api/v1/me/language': { roles: ALL },
  'GET /api/v1/jobs/:id': { roles: ALL, params: () => ({ id: 'no-such-job' }) },
  'GET /api/v1/notifications': { roles: ALL },
  'POST /api/v1/notifications/:id/read': { roles: ALL, params: () => ({ id: '999999' }) },
  'POST /api/v1/notifications/read-all': { roles: ALL },
  'GET /api/v1/outbox': { roles: ['ADMIN'] },
  'GET /api/v1/audit': { roles: ['CADRE_AUTHORITY', 'ADMIN'] },
  'GET /api/v1/audit/verify': { roles: ['CADRE_AUTHORITY', 'ADMIN'] },
  'GET /api/v1/audit/head': { roles: ['ADMIN'] },
  'GET /api/v1/admin/users': { roles: ['ADMIN'] },
  'POST /api/v1/admin/users/:id/disable': { roles: ['ADMIN'], params: user },
  'POST /api/v1/admin/users/:id/enable': { roles: ['ADMIN'], params: user },
  'GET /api/v1/profile': { roles: ['EMPLOYEE'] },
  'PUT /api/v1/profile/draft': { roles: ['EMPLOYEE'] },
  'POST /api/v1/profile/submit': { roles: ['EMPLOYEE'] },
  'GET /api/v1/profiles': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'GET /api/v1/profiles/:employeeId': { roles: STAFF, params: emp, scoped: STAFF },
  'GET /api/v1/profiles/:employeeId/versions': { roles: STAFF, params: emp, scoped: STAFF },
  'POST /api/v1/profiles/:employeeId/decision': { roles: ['NODAL_OFFICER'], params: emp, scoped: ['NODAL_OFFICER'], body: () => ({ action: 'validate', version: 1 }) },
  'POST /api/v1/profiles/bulk-validate': { roles: ['NODAL_OFFICER'] },
  'POST /api/v1/validation-windows': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/validation-windows': { roles: STAFF },
  'POST /api/v1/corrections': { roles: ['EMPLOYEE', 'NODAL_OFFICER'] },
  'GET /api/v1/corrections': { roles: STAFF },
  'POST /api/v1/corrections/:id/decision': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/working-strength': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'PUT /api/v1/working-strength/sanctioned': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/dashboard/profiles': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'GET /api/v1/profiles/:employeeId/print': { roles: STAFF, params: emp, scoped: STAFF },
  'GET /api/v1/verify/:code': { roles: 'public' },
  'GET /api/v1/registration/template': { roles: ['CADRE_AUTHORITY'] },
  'POST /api/v1/registration/imports': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/registration/imports/:id': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/registration/imports/:id/errors': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'POST /api/v1/registration/imports/:id/commit': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/masters/cadres': { roles: ALL },
  'GET /api/v1/masters/grades': { roles: ALL },
  'GET /api/v1/masters/pay-matrix': { roles: ALL },
  'GET /api/v1/masters/ministries': { roles: ALL },
  'GET /api/v1/masters/ministries/:id': { roles: ALL, params: () => ({ id: '1' }) },
  'PUT /api/v1/masters/ministries/:id': { roles: ['ADMIN'], params: () => ({ id: '1' }) },
  'GET /api/v1/masters/organisations': { roles: ALL },
  'GET /api/v1/employees/me/summary': { roles: STAFF },
  'GET /api/v1/employees/:id/summary': { roles: STAFF, params: empId, scoped: STAFF },
  'GET /api/v1/employees': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'GET /api/v1/orders': { roles: ALL },
  'GET /api/v1/orders/:code': { roles: ALL, params: () => ({ code: 'MACPS-2009' }) },
  'POST /api/v1/orders': { roles: ['ADMIN'] },
  'POST /api/v1/orders/:code/rule-versions': { roles: ['ADMIN'], params: () => ({ code: 'MACPS-2009' }) },
  'GET /api/v1/employees/:id/career': { roles: STAFF, params: empId, scoped: STAFF },
  'GET /api/v1/me/career': { roles: STAFF },
  'GET /api/v1/macp/due': { roles: ['NODAL_OFFICER'] },
  'POST /api/v1/ccl/check': { roles: ['EMPLOYEE'] },
  'POST /api/v1/ccl/applications': { roles: ['EMPLOYEE'] },
  'GET /api/v1/ccl/account': { roles: STAFF },
  'GET /api/v1/ccl/applications': { roles: STAFF },
  'GET /api/v1/ccl/applications/:id': { roles: STAFF, params: () => ({ id: '00000000-0000-4000-8000-000000000000' }) },
  'POST /api/v1/ccl/applications/:id/decide': { roles: ['NODAL_OFFICER'], params: () => ({ id: '00000000-0000-4000-8000-000000000000' }), body: () => ({ decision: 'SANCTION', version: 1 }) },
  'POST /api/v1/ccl/applications/:id/withdraw': { roles: ['EMPLOYEE'], params: () => ({ id: '00000000-0000-4000-8000-000000000000' }), body: () => ({ version: 1 }) },
  'POST /api/v1/rules/macp/evaluate': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'POST /api/v1/rules/ccl/evaluate': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'GET /api/v1/organisations': { roles: ['NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'POST /api/v1/organisations': { roles: ['NODAL_OFFICER'] },
  'GET /api/v1/organisations/:id': { roles: ['NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'], params: () => ({ id: '999999' }) },
  'PUT /api/v1/organisations/:id': { roles: ['NODAL_OFFICER'], params: () => ({ id: '999999' }), body: () => ({ version: 1 }) },
  'POST /api/v1/organisations/:id/deactivate': { roles: ['NODAL_OFFICER'], params: () => ({ id: '999999' }), body: () => ({ version: 1, reason: 'closed down' }) },
  'POST /api/v1/organisations/:id/activate': { roles: ['NODAL_OFFICER'], params: () => ({ id: '999999' }), body: () => ({ version: 1 }) },
  'POST /api/v1/organisations/:id/officers': { roles: ['NODAL_OFFICER'], params: () => ({ id: '999999' }), body: () => ({ loginId: 'x.y', email: 'x@example.gov.in', name: 'X Y' }) },
  'POST /api/v1/organisations/:id/officers/:officerId/revoke': { roles: ['NODAL_OFFICER'], params: () => ({ id: '999999', officerId: '999999' }), body: () => ({ reason: 'moved on' }) },
  'GET /api/v1/deputation/advertisements': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'GET /api/v1/deputation/advertisements/manage': { roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'POST /api/v1/deputation/advertisements': { roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'] },
  'GET /api/v1/deputation/advertisements/:id': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'], params: () => ({ id: NO_UUID }) },
  'PUT /api/v1/deputation/advertisements/:id': { roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, changes: { posts: 2 } }) },
  'POST /api/v1/deputation/advertisements/:id/publish': { roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1 }) },
  'POST /api/v1/deputation/advertisements/:id/close': { roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1 }) },
  'GET /api/v1/deputation/advertisements/:id/versions': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'], params: () => ({ id: NO_UUID }) },
  'POST /api/v1/deputation/applications': { roles: ['EMPLOYEE'], body: () => ({ advertisementId: NO_UUID, statement: 'I wish to serve.' }) },
  'GET /api/v1/deputation/applications': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER'] },
  'GET /api/v1/deputation/applications/:id': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER'], params: () => ({ id: NO_UUID }) },
  'POST /api/v1/deputation/applications/:id/withdraw': { roles: ['EMPLOYEE'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1 }) },
  'GET /api/v1/deputation/applications/:id/forwarding': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_UUID }) },
  'POST /api/v1/deputation/applications/:id/forward': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, integrityCertificate: true }) },
  'POST /api/v1/deputation/applications/:id/reject': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, reasons: 'Exigencies of work in the Ministry.' }) },
  'POST /api/v1/deputation/applications/:id/dopt-decision': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, decision: 'approve' }) },
  'POST /api/v1/deputation/applications/:id/selection': { roles: ['SUB_NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, action: 'shortlist' }) },
  'POST /api/v1/deputation/applications/:id/joining': { roles: ['SUB_NODAL_OFFICER'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, joinedOn: '2026-01-01' }) },
  'POST /api/v1/deputation/applications/:id/extensions': { roles: ['SUB_NODAL_OFFICER', 'CADRE_AUTHORITY'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, until: '2031-06-30', approvedBy: 'BORROWING_SECRETARY', orderRef: 'O.M. 1/2026' }) },
  'POST /api/v1/deputation/applications/:id/repatriation': { roles: ['SUB_NODAL_OFFICER', 'CADRE_AUTHORITY'], params: () => ({ id: NO_UUID }), body: () => ({ version: 1, repatriatedOn: '2026-01-01', reason: 'Premature repatriation at own request' }) },
  // issue 5: vigilance, Immovable Property Returns, private foreign visits
  'GET /api/v1/vigilance/me': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'AVD', 'CADRE_AUTHORITY'] },
  'GET /api/v1/vigilance/employees/:employee': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'AVD', 'CADRE_AUTHORITY'], params: (f, s) => ({ employee: f.employee[s] }), scoped: STAFF },
  'POST /api/v1/vigilance/employees/:employee/events': {
    roles: ['AVD', 'NODAL_OFFICER'],
    params: (f, s) => ({ employee: f.employee[s] }),
    scoped: ['NODAL_OFFICER'],
    body: () => ({ event: { type: 'COMPLAINT', date: '2025-10-01' }, orderRef: 'MATRIX/1' }),
  },
  'GET /api/v1/ipr/window': { roles: STAFF },
  'PUT /api/v1/ipr/window': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/ipr/me': { roles: ['EMPLOYEE'] },
  'POST /api/v1/ipr/returns': { roles: ['EMPLOYEE'] },
  'GET /api/v1/ipr/returns': { roles: ['EMPLOYEE', 'NODAL_OFFICER'] },
  'GET /api/v1/ipr/returns/:id': { roles: ['EMPLOYEE', 'NODAL_OFFICER'], params: () => ({ id: NO_ID }) },
  'PUT /api/v1/ipr/returns/:id': { roles: ['EMPLOYEE'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/ipr/returns/:id/submit': { roles: ['EMPLOYEE'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/ipr/returns/:id/revise': { roles: ['EMPLOYEE'], params: () => ({ id: NO_ID }) },
  'GET /api/v1/ipr/returns/:id/print': { roles: ['EMPLOYEE', 'NODAL_OFFICER'], params: () => ({ id: NO_ID }) },
  'GET /api/v1/ipr/compliance': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'POST /api/v1/ipr/compliance/remind': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'POST /api/v1/ipr/import': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/foreign-visits/previous-visits': { roles: ['EMPLOYEE'] },
  'POST /api/v1/foreign-visits': { roles: ['EMPLOYEE'] },
  'GET /api/v1/foreign-visits': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD'] },
  'GET /api/v1/foreign-visits/routes': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'] },
  'PUT /api/v1/foreign-visits/routes': { roles: ['CADRE_AUTHORITY', 'ADMIN'], body: () => ({ version: 99, rules: [], reason: 'Route matrix: a stale version, nothing is written' }) },
  'GET /api/v1/foreign-visits/:id': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/withdraw': { roles: ['EMPLOYEE'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/resubmit': { roles: ['EMPLOYEE'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/deficiency': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/complete': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/vigilance-clearance': { roles: ['AVD'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/forward': { roles: ['NODAL_OFFICER'], params: () => ({ id: NO_ID }) },
  'POST /api/v1/foreign-visits/:id/decision': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'], params: () => ({ id: NO_ID }) },
  'GET /api/v1/foreign-visits/:id/certificate': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD'], params: () => ({ id: NO_ID }) },
  // issue 7: rotation transfer rounds, areas of interest, iGOT Karmayogi
  'POST /api/v1/rotation/rounds': { roles: ['CADRE_AUTHORITY'] },
  'GET /api/v1/rotation/rounds': { roles: ['EMPLOYEE', 'CADRE_AUTHORITY'] },
  'GET /api/v1/rotation/rounds/:id': { roles: ['EMPLOYEE', 'CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/rotation/rounds/:id/me': { roles: ['EMPLOYEE', 'CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'PUT /api/v1/rotation/rounds/:id/preferences': { roles: ['EMPLOYEE'], params: () => ({ id: '999999' }), body: () => ({ ministryIds: [1], version: 0 }) },
  'GET /api/v1/rotation/rounds/:id/eligibility': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'POST /api/v1/rotation/rounds/:id/exemptions': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }), body: (f, s) => ({ employeeId: f.employee[s], reason: 'Posted abroad on official duty' }) },
  'GET /api/v1/rotation/rounds/:id/vacancies': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'PUT /api/v1/rotation/rounds/:id/vacancies': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }), body: () => ({ version: 1, items: [] }) },
  'POST /api/v1/rotation/rounds/:id/allocation': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }), body: () => ({ version: 1 }) },
  'GET /api/v1/rotation/rounds/:id/results': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/rotation/rounds/:id/results/:employeeId': { roles: ['EMPLOYEE', 'CADRE_AUTHORITY'], params: (f, s) => ({ id: '999999', employeeId: f.employee[s] }), scoped: ['EMPLOYEE'] },
  'POST /api/v1/rotation/rounds/:id/results/:employeeId/adjust': { roles: ['CADRE_AUTHORITY'], params: (f, s) => ({ id: '999999', employeeId: f.employee[s] }), body: () => ({ version: 1, ministryId: null, reason: 'Medical grounds of a dependant' }) },
  'POST /api/v1/rotation/rounds/:id/publish': { roles: ['CADRE_AUTHORITY'], params: () => ({ id: '999999' }), body: () => ({ version: 1 }) },
  'GET /api/v1/rotation/rounds/:id/transfer-list': { roles: ['EMPLOYEE', 'CADRE_AUTHORITY'], params: () => ({ id: '999999' }) },
  'GET /api/v1/interests/taxonomy': { roles: STAFF },
  'GET /api/v1/interests/me': { roles: ['EMPLOYEE'] },
  'PUT /api/v1/interests/me': { roles: ['EMPLOYEE'], body: () => ({ areas: ['FUN.RTI'] }) },
  'GET /api/v1/interests/aggregate': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  'GET /api/v1/igot/courses': { roles: ['EMPLOYEE'] },
  'GET /api/v1/igot/completions': { roles: ['EMPLOYEE'] },
  'POST /api/v1/igot/sync': { roles: ['EMPLOYEE'] },
};

describe('route × role × own/other Ministry matrix', () => {
  let t: TestApp;
  const users = new Map<Role, Awaited<ReturnType<typeof makeUser>>>();
  let fx: Fixture;
  beforeAll(async () => {
    t = await testApp('pglite');
    const mA = await makeMinistry(t, 'A');
    const mB = await makeMinistry(t, 'B');
    const empA = await makeEmployee(t, { ministryId: mA, grade: 'CSS.SO' });
    const empB = await makeEmployee(t, { ministryId: mB, grade: 'CSSS.PA' });
    const org = (await t.database.db.execute(sql`INSERT INTO organisation (ministry_id, name_en, kind) VALUES (${mA}, 'Test PSU', 'PSU') RETURNING id`)) as unknown as { rows: Array<{ id: number }> };
    const scope: Record<Role, Parameters<typeof makeUser>[1]['roles'][number]> = {
      EMPLOYEE: { role: 'EMPLOYEE' },
      NODAL_OFFICER: { role: 'NODAL_OFFICER', ministryId: mA },
      SUB_NODAL_OFFICER: { role: 'SUB_NODAL_OFFICER', organisationId: org.rows[0].id },
      CADRE_AUTHORITY: { role: 'CADRE_AUTHORITY', cadres: ['CSS'] },
      AVD: { role: 'AVD' },
      ADMIN: { role: 'ADMIN' },
    };
    for (const r of ROLES) users.set(r, await makeUser(t, { roles: [scope[r]], employeeId: r === 'EMPLOYEE' ? empA : undefined }));
    const otherUser = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: empB });
    fx = { employee: { own: empA, other: empB }, user: { own: users.get('EMPLOYEE')!.userId, other: otherUser.userId } };
  });
  afterAll(async () => t?.close());

  it('has an entry for every registered route, and no entry for a route that does not exist', () => {
    const registered = t.app.routeRegistry.map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((k) => !MATRIX[k]), 'routes missing from the matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !registered.includes(k)), 'matrix entries without a route').toEqual([]);
  });

  it('public routes are public and every other route refuses an anonymous caller with 401', async () => {
    for (const r of t.app.routeRegistry) {
      const e = MATRIX[`${r.method} ${r.url}`];
      if (!e) continue;
      expect(r.public, `${r.method} ${r.url}`).toBe(e.roles === 'public');
      if (e.roles === 'public') continue;
      const url = fill(r.url, e, fx, 'own');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`a ${role} gets exactly the routes of the matrix, and only in scope`, async () => {
      const u = users.get(role)!;
      for (const r of t.app.routeRegistry) {
        const e = MATRIX[`${r.method} ${r.url}`];
        if (!e || e.roles === 'public' || r.url === '/auth/logout') continue;
        for (const side of ['own', 'other'] as const) {
          if (side === 'other' && !e.params) continue;
          const url = fill(r.url, e, fx, side);
          const res = await as(t, u, { method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : ((e.body?.(fx, side) ?? {}) as object) });
          const where = `${role} ${r.method} ${url} (${side}) → ${res.statusCode} ${res.body.slice(0, 160)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          const code = res.statusCode === 403 ? res.json().code : null;
          if (!e.roles.includes(role)) {
            expect(code, where).toBe('FORBIDDEN');
          } else if (side === 'other' && e.scoped?.includes(role)) {
            expect([403, 404], where).toContain(res.statusCode);
          } else {
            expect(code, where).not.toBe('FORBIDDEN');
            expect(code, where).not.toBe('OUT_OF_SCOPE');
          }
        }
      }
    });
  }
});

function fill(url: string, e: Entry, f: Fixture, side: Side): string {
  const p = e.params?.(f, side) ?? {};
  return url.replace(/:(\w+)/g, (_, k: string) => {
    if (!(k in p)) throw new Error(`matrix entry for ${url} gives no value for :${k}`);
    return encodeURIComponent(p[k]);
  });
}
