import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldError } from './errors.ts';
import { zodFieldErrors } from './zod-messages.ts';

/** RFC 9457 problem document, with the stable code, the failing field(s) and the message in the request's language. */
export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = req.lang ?? 'en';
  const errors = (err.opts.errors ?? []).map((f: FieldError) => ({ field: f.field, code: f.code, message: f[lang] }));
  const body = {
    type: `urn:cscms:problem:${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: ERRORS[err.code][lang],
    status: err.status,
    detail: err.message_(lang),
    code: err.code,
    field: err.opts.field ?? errors[0]?.field,
    errors: errors.length ? errors : undefined,
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...err.opts.extra,
  };
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Any thrown thing → AppError. Fastify's own client errors keep their 4xx; only the unknown is a 500. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const fe = e as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const errors = zodFieldErrors(fe.validation.map((v) => ({ ...(v.params as object), code: v.keyword, message: v.message, path: v.instancePath.split('/').filter(Boolean) })) as never, fe.validationContext === 'body' ? undefined : fe.validationContext);
    return new AppError('VALIDATION', { errors, field: errors[0]?.field, en: errors.map((x) => x.en).join('; '), hi: errors.map((x) => x.hi).join('; ') });
  }
  if (isResponseSerializationError(fe)) return new AppError('INTERNAL', { cause: e });
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION',
    FST_ERR_VALIDATION: 'VALIDATION',
  };
  if (fe?.code && byFastifyCode[fe.code]) return new AppError(byFastifyCode[fe.code], { cause: e });
  if (fe instanceof SyntaxError || fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new AppError('BAD_JSON', { cause: e });
  if (typeof fe?.message === 'string' && /prototype|__proto__|constructor/i.test(fe.message) && fe.statusCode === 400) return new AppError('FORBIDDEN_KEY', { cause: e });
  if (fe?.statusCode === 429) return new AppError('RATE_LIMITED', { cause: e });
  if (fe?.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', { cause: e });
  if (fe?.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', { cause: e });
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('VALIDATION', { cause: e, en: fe.message, hi: fe.message });
  const pgCode = (e as { code?: string })?.code;
  // Serialisation failures and lock timeouts are the caller's to retry; they are not our bug.
  if (pgCode === '40001' || pgCode === '40P01' || pgCode === '55P03') return new AppError('STALE_VERSION', { cause: e });
  return new AppError('INTERNAL', { cause: e });
}

import { z } from 'zod';
/** The problem document as documented in OpenAPI for every 4xx/5xx of the API. */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('stable error code, e.g. VALIDATION, STALE_VERSION, OUT_OF_SCOPE'),
    field: z.string().optional().describe('the first field that failed'),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    instance: z.string(),
    requestId: z.string(),
  })
  .describe('RFC 9457 problem details, message in the request language');
