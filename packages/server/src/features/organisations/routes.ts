import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import {
  createOrganisation,
  inviteOfficer,
  listOrganisations,
  revokeOfficerById,
  setOrganisationActive,
  updateOrganisation,
  viewOrganisation,
} from './service.ts';

const Kind = z.enum(['PSU', 'AUTONOMOUS', 'ATTACHED', 'SUBORDINATE', 'OTHER']);
const Officer = z.object({
  id: z.number(),
  userId: z.string(),
  loginId: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  designation: z.string().nullable(),
  status: z.enum(['ACTIVE', 'REVOKED']),
  invitedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
const Organisation = z.object({
  id: z.number(),
  ministryId: z.number(),
  ministry: z.object({ en: z.string(), hi: z.string() }).nullable(),
  nameEn: z.string(),
  nameHi: z.string(),
  kind: Kind,
  station: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  deactivatedAt: z.string().nullable(),
  deactivationReason: z.string().nullable(),
  officers: z.array(Officer).optional(),
  abilities: z.array(z.string()),
});
const Id = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const text = (max: number) => z.string().trim().min(1).max(max);

export const organisationsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const now = () => app.deps.clock.now();

  app.get('/api/v1/organisations', {
    config: { action: 'organisation.read' },
    schema: {
      tags: ['deputation'],
      summary: 'Organisations I may see: a Nodal Officer those of own Ministry, a sub-nodal officer own organisation, CS.I/CS.II and the administrator all',
      querystring: PageQuery.extend({ ministryId: z.coerce.number().int().positive().optional(), active: z.enum(['true', 'false']).optional() }),
      response: { 200: Page(Organisation) },
    },
  }, async (req) => {
    const q = req.query;
    const r = await listOrganisations(app.deps.database.db, req.actor!, { ministryId: q.ministryId, active: q.active == null ? undefined : q.active === 'true', limit: q.pageSize, offset: offsetOf(q) });
    return { ...r, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/v1/organisations', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Onboard a PSU, autonomous body or attached office under my Ministry (O.M. of 15.11.2022 para 3.4)',
      body: z.strictObject({ ministryId: z.number().int().positive().optional(), nameEn: text(300), nameHi: text(300), kind: Kind, station: text(200).nullable().optional() }),
      response: { 201: Organisation },
    },
  }, async (req, reply) => {
    const id = await app.tx((tx) => createOrganisation(tx, req, req.body, now()));
    return reply.status(201).send(await viewOrganisation(app.deps.database.db, req.actor!, id));
  });

  app.get('/api/v1/organisations/:id', {
    config: { action: 'organisation.read' },
    schema: { tags: ['deputation'], summary: 'An organisation with its sub-nodal officers (invited, revoked)', params: Id, response: { 200: Organisation } },
  }, async (req) => viewOrganisation(app.deps.database.db, req.actor!, req.params.id));

  app.put('/api/v1/organisations/:id', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Edit an organisation of my Ministry (optimistic locking on version)',
      params: Id,
      body: z.strictObject({ version: z.number().int().min(1), nameEn: text(300).optional(), nameHi: text(300).optional(), kind: Kind.optional(), station: text(200).nullable().optional() }),
      response: { 200: Organisation },
    },
  }, async (req) => {
    await app.tx((tx) => updateOrganisation(tx, req, req.params.id, req.body, now()));
    return viewOrganisation(app.deps.database.db, req.actor!, req.params.id);
  });

  app.post('/api/v1/organisations/:id/deactivate', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: "Deactivate an organisation: its sub-nodal officers' access ends at once (grants removed, sessions revoked)",
      params: Id,
      body: z.strictObject({ version: z.number().int().min(1), reason: text(1000) }),
      response: { 200: Organisation.extend({ officersRevoked: z.number(), sessionsEnded: z.number() }) },
    },
  }, async (req) => {
    const r = await app.tx((tx) => setOrganisationActive(tx, req, req.params.id, false, req.body.version, req.body.reason, now()));
    return { ...(await viewOrganisation(app.deps.database.db, req.actor!, req.params.id)), ...r };
  });

  app.post('/api/v1/organisations/:id/activate', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Activate a deactivated organisation again (its officers are invited afresh)',
      params: Id,
      body: z.strictObject({ version: z.number().int().min(1) }),
      response: { 200: Organisation },
    },
  }, async (req) => {
    await app.tx((tx) => setOrganisationActive(tx, req, req.params.id, true, req.body.version, undefined, now()));
    return viewOrganisation(app.deps.database.db, req.actor!, req.params.id);
  });

  app.post('/api/v1/organisations/:id/officers', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Invite a sub-nodal officer by the e-Parichay login id (and e-mail) they log in with',
      params: Id,
      body: z.strictObject({ loginId: text(200), email: z.email().max(300), name: text(200), designation: text(200).optional() }),
      response: { 201: Organisation },
    },
  }, async (req, reply) => {
    await app.tx((tx) => inviteOfficer(tx, req, req.params.id, req.body, now()));
    return reply.status(201).send(await viewOrganisation(app.deps.database.db, req.actor!, req.params.id));
  });

  app.post('/api/v1/organisations/:id/officers/:officerId/revoke', {
    config: { action: 'organisation.manage' },
    schema: {
      tags: ['deputation'],
      summary: "End a sub-nodal officer's access at once (grant removed, sessions revoked)",
      params: Id.extend({ officerId: z.coerce.number().int().positive().max(2_147_483_647) }),
      body: z.strictObject({ reason: text(1000) }),
      response: { 200: Organisation.extend({ sessionsEnded: z.number() }) },
    },
  }, async (req) => {
    const sessionsEnded = await app.tx((tx) => revokeOfficerById(tx, req, req.params.id, req.params.officerId, req.body.reason, now()));
    return { ...(await viewOrganisation(app.deps.database.db, req.actor!, req.params.id)), sessionsEnded };
  });
};
