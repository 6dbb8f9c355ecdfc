import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTATION_APPLICATION_STATES } from '@cscms/domain/deputation';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { APAR_GRADINGS } from '../../integrations/sparrow.ts';
import { CalendarDateSchema } from '../rules/common.ts';
import { advertisementBody, advertisementChanges, adVersions, browseAds, closeAd, createAd, manageList, publishAd, reviseAd, viewAd } from './advertisements.ts';
import {
  apply,
  doptDecision,
  extendTenure,
  forward,
  forwardingPreview,
  listApplications,
  recordJoining,
  rejectByMinistry,
  repatriate,
  selection,
  viewApplication,
  withdraw,
} from './applications.ts';

const Uuid = z.object({ id: z.uuid() });
const Version = z.number().int().min(1);
const text = (max: number) => z.string().trim().min(1).max(max);
const AppState = z.enum(DEPUTATION_APPLICATION_STATES);
const AdState = z.enum(['DRAFT', 'PUBLISHED', 'CLOSED']);
const Json = z.unknown();
const Bi = z.object({ en: z.string(), hi: z.string() });

const Advertisement = z.looseObject({
  id: z.string(),
  organisationId: z.number(),
  organisation: Bi,
  ministryId: z.number(),
  state: AdState,
  revision: z.number(),
  version: z.number(),
  post: z.string(),
  level: z.string(),
  posts: z.number(),
  station: z.string(),
  closingDate: z.string(),
  publishedOn: z.string().nullable(),
  applicationsOpen: z.boolean(),
  daysLeft: z.number().nullable(),
  history: z.array(Json),
  steps: z.array(z.string()),
  abilities: z.array(z.string()),
  eligibility: Json.optional().describe('for an employee: the engine\'s decision — eligible, or the reasons why not, each citing its order'),
  myApplication: Json.optional(),
});

const ApplicationItem = z.object({
  id: z.string(),
  advertisementId: z.string(),
  advertisementRevision: z.number(),
  currentAdvertisementRevision: z.number(),
  post: z.string(),
  level: z.string(),
  organisationId: z.number(),
  organisation: Bi,
  employee: z.object({ id: z.string(), code: z.string(), name: Bi, grade: z.string(), cadre: z.string(), ministryId: z.number() }),
  state: AppState,
  appliedOn: z.string(),
  forwarded: z.boolean(),
  updatedAt: z.string(),
  version: z.number(),
});
const ApplicationView = ApplicationItem.extend({
  statement: z.string(),
  eligibility: Json,
  clearanceRoute: Json,
  forwarding: Json.describe('the forwarding package; a sub-nodal officer sees of vigilance only the clearance result (detailsHidden)'),
  timeline: z.array(Json),
  advertisementChanges: z.array(z.object({ revision: z.number(), fields: z.array(z.string()), note: z.string().nullable(), on: z.string() })),
  tenure: Json,
  steps: z.array(z.string()),
  abilities: z.array(z.string()),
});

export const deputationFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const now = () => app.deps.clock.now();
  const db = () => app.deps.database.db;

  // ---- advertisements ----

  app.get('/api/v1/deputation/advertisements', {
    config: { action: 'deputation.ad.browse' },
    schema: {
      tags: ['deputation'],
      summary: 'Published advertisements open for applications; for an employee each says "eligible" or "not eligible because …" (the domain engine, as on the closing date)',
      querystring: PageQuery.extend({
        q: z.string().max(100).optional(),
        level: z.string().max(4).optional(),
        cadre: z.enum(['CSS', 'CSSS', 'CSCS']).optional(),
        organisationId: z.coerce.number().int().positive().optional(),
        eligibleOnly: z.enum(['true', 'false']).optional(),
        includeClosed: z.enum(['true', 'false']).optional(),
      }),
      response: { 200: Page(Advertisement) },
    },
  }, async (req) => {
    const q = req.query;
    const r = await browseAds(db(), req.actor!, { ...q, eligibleOnly: q.eligibleOnly === 'true', includeClosed: q.includeClosed === 'true', limit: q.pageSize, offset: offsetOf(q) }, now());
    return { ...r, page: q.page, pageSize: q.pageSize };
  });

  app.get('/api/v1/deputation/advertisements/manage', {
    config: { action: 'deputation.ad.read' },
    schema: {
      tags: ['deputation'],
      summary: "Advertisements in every state for those who publish them: a sub-nodal officer own organisation's, a Nodal Officer own Ministry's",
      querystring: PageQuery.extend({ state: AdState.optional(), organisationId: z.coerce.number().int().positive().optional() }),
      response: { 200: Page(Advertisement.extend({ counts: z.object({ applications: z.number().nullable(), forwarded: z.number() }) })) },
    },
  }, async (req) => {
    const q = req.query;
    const r = await manageList(db(), req.actor!, { state: q.state, organisationId: q.organisationId, limit: q.pageSize, offset: offsetOf(q) }, now());
    return { ...r, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/v1/deputation/advertisements', {
    config: { action: 'deputation.ad.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Draft an advertisement: post, level, number of posts, station, eligible cadres and feeder grades/levels with minimum regular service, qualifications, tenure per the RRs, closing date, documents',
      body: advertisementBody,
      response: { 201: Advertisement },
    },
  }, async (req, reply) => {
    const id = await app.tx((tx) => createAd(tx, req, req.body, now()));
    return reply.status(201).send(await viewAd(db(), req.actor!, id, now()));
  });

  app.get('/api/v1/deputation/advertisements/:id', {
    config: { action: 'deputation.ad.view' },
    schema: { tags: ['deputation'], summary: 'One advertisement (drafts only to those who manage it); for an employee, with eligibility and my application', params: Uuid, response: { 200: Advertisement } },
  }, async (req) => viewAd(db(), req.actor!, req.params.id, now()));

  app.put('/api/v1/deputation/advertisements/:id', {
    config: { action: 'deputation.ad.manage' },
    schema: {
      tags: ['deputation'],
      summary: 'Edit a draft, or issue a corrigendum to a published advertisement: a new revision, shown to applicants with what changed (the closing date may be extended, never advanced)',
      params: Uuid,
      body: z.strictObject({ version: Version, changes: advertisementChanges, note: text(1000).optional() }),
      response: { 200: Advertisement },
    },
  }, async (req) => {
    await app.tx((tx) => reviseAd(tx, req, req.params.id, req.body, now()));
    return viewAd(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/advertisements/:id/publish', {
    config: { action: 'deputation.ad.manage' },
    schema: { tags: ['deputation'], summary: 'Publish a draft (closing date after today); employees of the feeder grades are told; it closes by itself when the closing date ends, with reminders 7 days and 1 day before', params: Uuid, body: z.strictObject({ version: Version }), response: { 200: Advertisement } },
  }, async (req) => {
    await app.tx((tx) => publishAd(tx, req, req.params.id, req.body.version, now()));
    return viewAd(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/advertisements/:id/close', {
    config: { action: 'deputation.ad.manage' },
    schema: { tags: ['deputation'], summary: 'Close a published advertisement once its closing date has passed (the job does this at the end of the closing date)', params: Uuid, body: z.strictObject({ version: Version }), response: { 200: Advertisement } },
  }, async (req) => {
    await app.tx((tx) => closeAd(tx, req, req.params.id, req.body.version, now()));
    return viewAd(db(), req.actor!, req.params.id, now());
  });

  app.get('/api/v1/deputation/advertisements/:id/versions', {
    config: { action: 'deputation.ad.view' },
    schema: {
      tags: ['deputation'],
      summary: 'Revisions of an advertisement with the fields each changed (applicants see the published one and its corrigenda)',
      params: Uuid,
      response: { 200: z.object({ items: z.array(z.object({ revision: z.number(), kind: z.enum(['draft', 'published', 'corrigendum']), on: z.string(), fields: z.array(z.string()), note: z.string().nullable(), data: Json })) }) },
    },
  }, async (req) => adVersions(db(), req.actor!, req.params.id));

  // ---- applications ----

  app.post('/api/v1/deputation/applications', {
    config: { action: 'deputation.apply' },
    schema: {
      tags: ['deputation'],
      summary: 'Apply against a published advertisement with a statement (refused until the profile is validated or deemed final, and when not eligible — 422 with the engine\'s reasons)',
      body: z.strictObject({ advertisementId: z.uuid(), statement: text(4000) }),
      response: { 201: ApplicationView },
    },
  }, async (req, reply) => {
    const id = await app.tx((tx) => apply(tx, req, req.body, now()));
    return reply.status(201).send(await viewApplication(db(), req.actor!, id, now()));
  });

  app.get('/api/v1/deputation/applications', {
    config: { action: 'deputation.application.read' },
    schema: {
      tags: ['deputation'],
      summary: "Applications: mine; my Ministry's; my cadre's; my organisation's once forwarded to it. format=csv|xlsx exports the page",
      querystring: PageQuery.extend({ state: AppState.optional(), advertisementId: z.uuid().optional(), mine: z.enum(['true', 'false']).optional(), format: z.enum(['json', 'csv', 'xlsx']).optional() }),
      response: { 200: Page(ApplicationItem) },
    },
  }, async (req, reply) => {
    const q = req.query;
    const r = await listApplications(db(), req.actor!, { state: q.state, advertisementId: q.advertisementId, mine: q.mine === 'true', limit: q.pageSize, offset: offsetOf(q) });
    if (q.format === 'csv' || q.format === 'xlsx') {
      const header = ['Employee code', 'Name', 'Grade', 'Post', 'Level', 'Organisation', 'State', 'Applied on', 'Forwarded'];
      const data = r.items.map((i) => [i.employee.code, i.employee.name.en, i.employee.grade, i.post, i.level, i.organisation.en, i.state, i.appliedOn, i.forwarded ? 'yes' : 'no']);
      reply.header('content-disposition', `attachment; filename="deputation-applications.${q.format}"`);
      return q.format === 'csv' ? reply.type(CSV_TYPE).send(toCsv(header, data) as never) : reply.type(XLSX_TYPE).send((await toXlsx('Applications', header, data)) as never);
    }
    return { ...r, page: q.page, pageSize: q.pageSize };
  });

  app.get('/api/v1/deputation/applications/:id', {
    config: { action: 'deputation.application.read' },
    schema: { tags: ['deputation'], summary: 'An application with its status timeline, eligibility snapshot, forwarding package, tenure and the steps I can take', params: Uuid, response: { 200: ApplicationView } },
  }, async (req) => viewApplication(db(), req.actor!, req.params.id, now()));

  app.post('/api/v1/deputation/applications/:id/withdraw', {
    config: { action: 'deputation.apply' },
    schema: { tags: ['deputation'], summary: 'Withdraw my application', params: Uuid, body: z.strictObject({ version: Version, reason: text(1000).optional() }), response: { 200: ApplicationView } },
  }, async (req) => {
    await app.tx((tx) => withdraw(tx, req, req.params.id, req.body.version, req.body.reason, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.get('/api/v1/deputation/applications/:id/forwarding', {
    config: { action: 'deputation.forward' },
    schema: {
      tags: ['deputation'],
      summary: 'Cadre unit: what forwarding would carry now — the vigilance clearance with its grounds, penalties of the last 10 years, APAR gradings of the last 5 years (SPARROW) and the years missing',
      params: Uuid,
      response: { 200: z.object({ vigilance: Json, penaltiesLast10Years: Json, aparGradings: Json, clearanceRoute: Json }) },
    },
  }, async (req) => forwardingPreview(db(), req.actor!, req.params.id, now()));

  app.post('/api/v1/deputation/applications/:id/forward', {
    config: { action: 'deputation.forward' },
    schema: {
      tags: ['deputation'],
      summary: 'Cadre unit: give cadre clearance and forward (SO/ASO: to the organisation; US and above: to CS.I) with the integrity certificate; APAR gradings missing in SPARROW may be entered',
      params: Uuid,
      body: z.strictObject({
        version: Version,
        integrityCertificate: z.literal(true, { message: 'the integrity certificate must be given' }),
        aparGradings: z.array(z.strictObject({ year: z.number().int().min(1950).max(2200), grading: z.enum(APAR_GRADINGS), score: z.number().min(0).max(10).nullable().optional() })).max(10).optional(),
        remarks: text(2000).optional(),
      }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => forward(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/reject', {
    config: { action: 'deputation.forward' },
    schema: { tags: ['deputation'], summary: 'Cadre unit: refuse cadre clearance, with reasons (at least 10 characters)', params: Uuid, body: z.strictObject({ version: Version, reasons: text(4000) }), response: { 200: ApplicationView } },
  }, async (req) => {
    await app.tx((tx) => rejectByMinistry(tx, req, req.params.id, req.body.version, req.body.reasons, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/dopt-decision', {
    config: { action: 'deputation.dopt' },
    schema: {
      tags: ['deputation'],
      summary: 'CS.I (DoPT): cadre clearance for Under Secretary and above — approve, or reject with reasons',
      params: Uuid,
      body: z.strictObject({ version: Version, decision: z.enum(['approve', 'reject']), reasons: text(4000).optional() }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => doptDecision(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/selection', {
    config: { action: 'deputation.select' },
    schema: {
      tags: ['deputation'],
      summary: 'Borrowing organisation: shortlist, select or not select a forwarded application',
      params: Uuid,
      body: z.strictObject({ version: Version, action: z.enum(['shortlist', 'notSelect', 'select']), remarks: text(2000).optional() }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => selection(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/joining', {
    config: { action: 'deputation.select' },
    schema: {
      tags: ['deputation'],
      summary: 'Borrowing organisation: record joining; the tenure (RRs or 5 years, never beyond 7) and, with the basic pay of the regular post, the deputation allowance for information',
      params: Uuid,
      body: z.strictObject({ version: Version, joinedOn: CalendarDateSchema, basicPay: z.number().int().min(1).max(10_000_000).optional(), sameStation: z.boolean().optional() }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => recordJoining(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/extensions', {
    config: { action: 'deputation.tenure' },
    schema: {
      tags: ['deputation'],
      summary: 'Record an extension of tenure: into the 6th year with the borrowing Secretary\'s approval, the 7th with its Minister\'s; never beyond 7 years',
      params: Uuid,
      body: z.strictObject({ version: Version, until: CalendarDateSchema, approvedBy: z.enum(['BORROWING_SECRETARY', 'BORROWING_MINISTER']), orderRef: text(300) }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => extendTenure(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });

  app.post('/api/v1/deputation/applications/:id/repatriation', {
    config: { action: 'deputation.tenure' },
    schema: {
      tags: ['deputation'],
      summary: 'Record the repatriation (on completion or premature): the cooling-off end date is computed from it',
      params: Uuid,
      body: z.strictObject({ version: Version, repatriatedOn: CalendarDateSchema, reason: text(2000) }),
      response: { 200: ApplicationView },
    },
  }, async (req) => {
    await app.tx((tx) => repatriate(tx, req, req.params.id, req.body, now()));
    return viewApplication(db(), req.actor!, req.params.id, now());
  });
};
