import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Action, abilities, type Actor, decide, isAction, type ResourceScope } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { offsetOf, Page, PageQuery } from '../../http/pagination.ts';
import { type EmployeeSummaryRow, employeeSummary, listEmployees } from './repo.ts';

/** Actions on an employee's record that the UI may offer; each summary says which of them the actor may take. */
export const EMPLOYEE_ACTIONS: Action[] = ['employee.summary', 'profile.read', 'profile.edit', 'profile.validate', 'career.read', 'ccl.read', 'ccl.apply'].filter(isAction);

const GradeRef = z.object({ code: z.string(), abbrev: z.string(), en: z.string(), hi: z.string() });
const MinistryRef = z.object({ id: z.number().int(), code: z.string(), en: z.string(), hi: z.string() });
const Cadre = z.enum(['CSS', 'CSSS', 'CSCS']);
const Date_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const EmployeeSummary = z.object({
  id: z.string(),
  employeeCode: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  cadre: Cadre,
  grade: GradeRef,
  payLevel: z.string(),
  ministry: MinistryRef,
  entryDate: Date_,
  presentGradeDate: Date_,
  dateOfBirth: Date_,
  superannuationDate: Date_,
  abilities: z.array(z.string()),
});
const EmployeeItem = EmployeeSummary.pick({ id: true, employeeCode: true, nameEn: true, nameHi: true, cadre: true, grade: true, payLevel: true, ministry: true, abilities: true });

const scopeOf = (r: EmployeeSummaryRow): ResourceScope => ({ ownerEmployeeId: r.id, ministryId: r.ministry_id, cadre: r.cadre });

function summaryOut(actor: Actor, r: EmployeeSummaryRow) {
  return {
    id: r.id,
    employeeCode: r.employee_code,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    cadre: r.cadre,
    grade: { code: r.grade, abbrev: r.grade_abbrev, en: r.grade_en, hi: r.grade_hi },
    payLevel: r.pay_level,
    ministry: { id: r.ministry_id, code: r.ministry_code, en: r.ministry_en, hi: r.ministry_hi },
    entryDate: r.entry_date,
    presentGradeDate: r.present_grade_date,
    dateOfBirth: r.date_of_birth,
    superannuationDate: r.superannuation_date,
    abilities: abilities(actor, EMPLOYEE_ACTIONS, scopeOf(r)),
  };
}

/** Employees: the profile summary (own, or of one's Ministry / cadre) and the scoped list. */
export const employeesFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  const summary = async (req: FastifyRequest, id: string) => {
    const actor = req.actor!;
    const r = await employeeSummary(app.deps.database.prepared, id);
    if (!r) throw new AppError('NOT_FOUND');
    const d = decide(actor, 'employee.summary', scopeOf(r));
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    return summaryOut(actor, r);
  };

  app.get('/api/v1/employees/me/summary', {
    config: { action: 'employee.summary' },
    schema: { tags: ['employees'], summary: 'My profile summary: grade, level, Ministry, key dates, and what I may do', response: { 200: EmployeeSummary } },
  }, async (req) => {
    const id = req.actor!.employeeId;
    if (!id) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है।' });
    return summary(req, id);
  });

  app.get('/api/v1/employees/:id/summary', {
    config: { action: 'employee.summary' },
    schema: {
      tags: ['employees'],
      summary: "An employee's profile summary (own record; Nodal Officer: same Ministry; cadre authority: same cadre)",
      params: z.object({ id: z.uuid() }),
      response: { 200: EmployeeSummary },
    },
  }, async (req) => summary(req, req.params.id));

  app.get('/api/v1/employees', {
    config: { action: 'employee.list' },
    schema: {
      tags: ['employees'],
      summary: 'Employees of my Ministry (Nodal Officer) or my cadres (cadre authority), by name',
      querystring: PageQuery.extend({
        q: z.string().trim().max(100).optional().describe('part of the name (English or Hindi), employee code or login id'),
        grade: z.string().regex(/^(CSS|CSSS|CSCS)\.[A-Z]+$/).optional().describe('grade code, e.g. CSS.SO'),
        cadre: Cadre.optional(),
        ministryId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
      }),
      response: { 200: Page(EmployeeItem) },
    },
  }, async (req) => {
    const actor = req.actor!;
    const { q, grade, cadre, ministryId, ...page } = req.query;
    const scopeMinistries = [...new Set(actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number))];
    const scopeCadres = [...new Set(actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []))];
    if (ministryId != null && !scopeMinistries.includes(ministryId) && scopeCadres.length === 0) throw new AppError('OUT_OF_SCOPE', { field: 'ministryId' });
    if (cadre && !scopeCadres.includes(cadre) && scopeMinistries.length === 0) throw new AppError('OUT_OF_SCOPE', { field: 'cadre' });
    const r = await listEmployees(db(), { q: q || undefined, grade, cadre, ministryId, scopeMinistries, scopeCadres }, page.pageSize, offsetOf(page));
    return {
      items: r.items.map((e) => {
        const s = summaryOut(actor, e);
        return { id: s.id, employeeCode: s.employeeCode, nameEn: s.nameEn, nameHi: s.nameHi, cadre: s.cadre, grade: s.grade, payLevel: s.payLevel, ministry: s.ministry, abilities: s.abilities };
      }),
      total: r.total,
      page: page.page,
      pageSize: page.pageSize,
    };
  });
};
