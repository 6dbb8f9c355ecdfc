import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, type Actor } from '@cscms/domain';
import { appendAudit, diffFields } from '../../audit/audit.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { offsetOf, Page, PageQuery } from '../../http/pagination.ts';
import { getMinistry, listCadres, listGrades, listMinistries, listOrganisations, type MinistryRow, payMatrix, updateMinistry } from './repo.ts';

const MASTER_ACTIONS = ['masters.write'] as const;
const Abilities = z.array(z.enum(MASTER_ACTIONS));

const Cadre = z.object({ code: z.string(), en: z.string(), hi: z.string(), authority: z.string() });
const Grade = z.object({
  code: z.string(), cadre: z.string(), abbrev: z.string(), en: z.string(), hi: z.string(),
  group: z.enum(['A', 'B', 'C']), gazetted: z.boolean(), payLevel: z.string(), rank: z.number().int(),
});
const PayLevelRow = z.object({ level: z.string(), cells: z.array(z.number().int()) });
const Ministry = z.object({
  id: z.number().int(), code: z.string(), en: z.string(), hi: z.string(), rotationGroup: z.enum(['A', 'B']), reducedTenure: z.boolean(),
  active: z.boolean(), version: z.number().int(), editedAt: z.string().nullable().describe('when an administrator last changed it; null = as shipped'),
  abilities: Abilities,
});
const Organisation = z.object({ id: z.number().int(), ministryId: z.number().int(), en: z.string(), hi: z.string(), kind: z.string(), active: z.boolean() });

const MinistryBody = z.strictObject({
  version: z.number().int().min(1).describe('the version you read; a changed record answers 409 STALE_VERSION'),
  en: z.string().trim().min(3).max(200).optional(),
  hi: z.string().trim().min(2).max(200).optional(),
  rotationGroup: z.enum(['A', 'B']).optional(),
  reducedTenure: z.boolean().optional(),
  active: z.boolean().optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

const ministryOut = (actor: Actor, m: MinistryRow) => ({
  id: m.id, code: m.code, en: m.name_en, hi: m.name_hi, rotationGroup: m.rotation_group, reducedTenure: m.reduced_tenure,
  active: m.active, version: m.version, editedAt: m.updated_at ? new Date(m.updated_at).toISOString() : null,
  abilities: abilities(actor, MASTER_ACTIONS, {}),
});

/** Masters: cadres, grades and levels (rules.md §1), the pay matrix, the Ministries (cadre units) and organisations. */
export const mastersFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/api/v1/masters/cadres', {
    config: { action: 'masters.read' },
    schema: { tags: ['masters'], summary: 'The three cadres and their cadre authorities (CS.I, CS.II)', response: { 200: z.object({ items: z.array(Cadre) }) } },
  }, async () => ({ items: (await listCadres(db())).map((c) => ({ code: c.code, en: c.name_en, hi: c.name_hi, authority: c.authority })) }));

  app.get('/api/v1/masters/grades', {
    config: { action: 'masters.read' },
    schema: {
      tags: ['masters'],
      summary: 'Grades of the cadres with group and pay level, in order of rank',
      querystring: z.object({ cadre: z.enum(['CSS', 'CSSS', 'CSCS']).optional() }),
      response: { 200: z.object({ items: z.array(Grade) }) },
    },
  }, async (req) => ({
    items: (await listGrades(db(), req.query.cadre)).map((g) => ({
      code: g.code, cadre: g.cadre, abbrev: g.abbrev, en: g.name_en, hi: g.name_hi, group: g.service_group as 'A' | 'B' | 'C', gazetted: g.gazetted, payLevel: g.pay_level, rank: g.rank,
    })),
  }));

  app.get('/api/v1/masters/pay-matrix', {
    config: { action: 'masters.read' },
    schema: { tags: ['masters'], summary: '7th CPC pay matrix (CCS (Revised Pay) Rules 2016): the cells of every level, cell 1 first', response: { 200: z.object({ levels: z.array(PayLevelRow) }) } },
  }, async () => ({ levels: (await payMatrix(db())).map((r) => ({ level: r.pay_level, cells: r.amounts.map(Number) })) }));

  app.get('/api/v1/masters/ministries', {
    config: { action: 'masters.read' },
    schema: {
      tags: ['masters'],
      summary: 'Ministries / Departments (cadre units) with their rotation group (rules.md §8.1)',
      querystring: PageQuery.extend({
        q: z.string().trim().max(100).optional().describe('part of the name (English or Hindi) or code'),
        group: z.enum(['A', 'B']).optional(),
        active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
      }),
      response: { 200: Page(Ministry) },
    },
  }, async (req) => {
    const { q, group, active, ...page } = req.query;
    const r = await listMinistries(db(), { q: q || undefined, group, active }, page.pageSize, offsetOf(page));
    return { items: r.items.map((m) => ministryOut(req.actor!, m)), total: r.total, page: page.page, pageSize: page.pageSize };
  });

  app.get('/api/v1/masters/ministries/:id', {
    config: { action: 'masters.read' },
    schema: { tags: ['masters'], summary: 'One Ministry / Department', params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }), response: { 200: Ministry } },
  }, async (req) => {
    const m = await getMinistry(db(), req.params.id);
    if (!m) throw new AppError('NOT_FOUND');
    return ministryOut(req.actor!, m);
  });

  app.put('/api/v1/masters/ministries/:id', {
    config: { action: 'masters.write' },
    schema: {
      tags: ['masters'],
      summary: 'Change a Ministry: names, rotation group, reduced tenure, active (administrator); audited with before/after',
      description: 'Send the version you read; a record changed meanwhile answers 409 STALE_VERSION. An edited Ministry keeps the edit across restarts (the shipped masters no longer overwrite it).',
      params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
      body: MinistryBody,
      response: { 200: Ministry },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const { version, reason, ...change } = req.body;
    return app.tx(async (tx) => {
      const before = await getMinistry(tx, req.params.id, true);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: before.version } });
      const next = {
        name_en: change.en ?? before.name_en,
        name_hi: change.hi ?? before.name_hi,
        rotation_group: change.rotationGroup ?? before.rotation_group,
        reduced_tenure: change.reducedTenure ?? before.reduced_tenure,
        active: change.active ?? before.active,
      };
      const changes = diffFields(
        { name_en: before.name_en, name_hi: before.name_hi, rotation_group: before.rotation_group, reduced_tenure: before.reduced_tenure, active: before.active },
        next,
      );
      if (Object.keys(changes).length === 0) return ministryOut(req.actor!, before);
      const after = await updateMinistry(tx, before.id, version, next, now);
      if (!after) throw new AppError('STALE_VERSION');
      await appendAudit(tx, auditContext(req, now, 'ADMIN'), { entity: 'ministry', entityId: String(before.id), action: 'ministry.update', changes, reason: reason ?? null });
      return ministryOut(req.actor!, after);
    });
  });

  app.get('/api/v1/masters/organisations', {
    config: { action: 'masters.read' },
    schema: {
      tags: ['masters'],
      summary: 'Organisations (PSUs, autonomous bodies, attached offices) onboarded under the Ministries',
      querystring: PageQuery.extend({ ministryId: z.coerce.number().int().min(1).max(2_147_483_647).optional() }),
      response: { 200: Page(Organisation) },
    },
  }, async (req) => {
    const { ministryId, ...page } = req.query;
    const r = await listOrganisations(db(), ministryId, page.pageSize, offsetOf(page));
    return {
      items: r.items.map((o) => ({ id: o.id, ministryId: o.ministry_id, en: o.name_en, hi: o.name_hi, kind: o.kind, active: o.active })),
      total: r.total, page: page.page, pageSize: page.pageSize,
    };
  });
};
