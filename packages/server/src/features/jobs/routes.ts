import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decide } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { one, sql } from '../../db/client.ts';

const Job = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED']),
  runAt: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z.unknown().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

interface JobRow {
  id: string;
  kind: string;
  status: z.infer<typeof Job>['status'];
  run_at: string;
  attempts: number;
  max_attempts: number;
  progress: unknown;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
  created_by: string | null;
}

const iso = (v: string | null): string | null => (v == null ? null : new Date(v).toISOString());

export const jobsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/jobs/:id', {
    config: { action: 'job.read' },
    schema: {
      tags: ['jobs'],
      summary: 'A background job: status, attempts and progress (its creator and the administrator)',
      params: z.object({ id: z.string().min(1).max(200) }),
      response: { 200: Job },
    },
  }, async (req) => {
    const j = await one<JobRow>(app.deps.database.db, sql`
      SELECT id, kind, status, run_at, attempts, max_attempts, progress, last_error, created_at, finished_at, created_by FROM job WHERE id = ${req.params.id}`);
    if (!j) throw new AppError('NOT_FOUND');
    const d = decide(req.actor!, 'job.read', { ownerUserId: j.created_by });
    if (!d.allow) throw new AppError(d.code);
    return {
      id: j.id,
      kind: j.kind,
      status: j.status,
      runAt: iso(j.run_at)!,
      attempts: j.attempts,
      maxAttempts: j.max_attempts,
      progress: j.progress ?? null,
      lastError: j.last_error,
      createdAt: iso(j.created_at)!,
      finishedAt: iso(j.finished_at),
    };
  });
};
