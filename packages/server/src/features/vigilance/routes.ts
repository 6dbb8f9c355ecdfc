import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VIGILANCE_EVENT_TYPES, VIGILANCE_PURPOSES } from '@cscms/domain/vigilance';
import { AppError } from '../../http/errors.ts';
import { CalendarDateSchema, ReasonSchema, todayIst } from '../rules/common.ts';
import { employeeByRef, recordEvent, statusView } from './service.ts';

const SwitchSchema = z.object({ key: z.string(), value: z.unknown(), default: z.unknown(), description: z.string() });
export const ClearanceSchema = z.object({
  on: z.string(),
  purpose: z.enum(VIGILANCE_PURPOSES),
  status: z.enum(['CLEAR', 'WITHHELD']),
  grounds: z.array(ReasonSchema).describe('grounds on which clearance is withheld, in the order of the guidelines, each with the date it lapses or is reviewed (until)'),
  notes: z.array(ReasonSchema).describe('facts that are no ground on this date'),
  reviewOn: z.string().optional(),
  switches: z.array(SwitchSchema),
});

const EventOut = z.object({
  id: z.number(),
  type: z.string(),
  date: z.string(),
  orderRef: z.string(),
  matter: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  correctsId: z.number().nullable(),
  replacement: z.unknown(),
  attachments: z.array(z.object({ name: z.string(), reference: z.string().optional(), sha256: z.string().optional() })),
  recordedBy: z.string().nullable(),
  recordedRole: z.string().nullable(),
  recordedAt: z.string(),
  inForce: z.boolean().describe('false when a later correction superseded it'),
});

const StatusOut = z.object({
  employee: z.object({ id: z.string(), code: z.string(), name: z.object({ en: z.string(), hi: z.string() }), grade: z.string(), cadre: z.string(), ministryId: z.number() }),
  clearance: ClearanceSchema,
  plainWords: z.object({ en: z.string(), hi: z.string() }),
  events: z.array(EventOut),
  abilities: z.array(z.string()),
});

const StatusQuery = z.object({
  purpose: z.enum(VIGILANCE_PURPOSES).default('FOREIGN_VISIT'),
  on: CalendarDateSchema.optional().describe('the date asked (default today, IST)'),
});

const Attachment = z.strictObject({
  name: z.string().trim().min(1).max(200),
  reference: z.string().trim().max(300).optional().describe('file number or e-Office reference where the document is kept'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

const RecordBody = z.strictObject({
  event: z
    .record(z.string(), z.unknown())
    .describe(`the event: { type (${VIGILANCE_EVENT_TYPES.join(', ')}), date, matter?, note?, and the fields of the type (PENALTY: severity, penalty, currencyFrom?, currencyTo?; PROCEEDINGS_CONCLUDED / CRIMINAL_CASE_CONCLUDED: outcome; SANCTION_GRANTED: sanction; CORRECTION: corrects (event id), replacement? (an event, or null when entered in error)) }`),
  orderRef: z.string().trim().min(1).max(300).describe('the order or letter number'),
  attachments: z.array(Attachment).max(20).default([]),
});

const EmployeeParam = z.object({ employee: z.string().min(1).max(64).describe('employee id (uuid) or employee code') });

export const vigilanceFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const today = () => todayIst(app.deps.clock.now());

  app.get('/api/v1/vigilance/me', {
    config: { action: 'vigilance.read' },
    schema: { tags: ['vigilance'], summary: 'My vigilance status in plain words, with the events on my record', querystring: StatusQuery, response: { 200: StatusOut } },
  }, async (req) => {
    const id = req.actor!.employeeId;
    if (!id) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है।' });
    const emp = await employeeByRef(db(), id);
    return statusView(db(), req.actor!, emp, req.query.purpose, req.query.on ?? today());
  });

  app.get('/api/v1/vigilance/employees/:employee', {
    config: { action: 'vigilance.read' },
    schema: {
      tags: ['vigilance'],
      summary: "An employee's vigilance events and clearance with its grounds — only the employee, their Nodal Officer, AVD and the cadre authority",
      params: EmployeeParam,
      querystring: StatusQuery,
      response: { 200: StatusOut },
    },
  }, async (req) => {
    const emp = await employeeByRef(db(), req.params.employee);
    return statusView(db(), req.actor!, emp, req.query.purpose, req.query.on ?? today());
  });

  app.post('/api/v1/vigilance/employees/:employee/events', {
    config: { action: 'vigilance.record' },
    schema: {
      tags: ['vigilance'],
      summary: 'Record a vigilance event, or a correction naming an earlier one (append-only; AVD: all; Nodal Officer: own Ministry)',
      params: EmployeeParam,
      body: RecordBody,
      response: { 201: StatusOut },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const emp = await employeeByRef(db(), req.params.employee);
    await app.tx((tx) => recordEvent(tx, req, emp, req.body, now));
    return reply.status(201).send(await statusView(db(), req.actor!, emp, 'FOREIGN_VISIT', today()));
  });
};
