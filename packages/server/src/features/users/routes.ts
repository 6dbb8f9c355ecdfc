import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offsetOf, Page, PageQuery } from '../../http/pagination.ts';
import { listUsers } from './repo.ts';
import { setActive, toItem, USER_ACTIONS } from './service.ts';

const UserItem = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  persona: z.string().nullable(),
  roles: z.array(z.object({ role: z.string(), ministryId: z.number().nullable(), organisationId: z.number().nullable(), cadres: z.array(z.string()).nullable() })),
  version: z.number().int(),
  abilities: z.array(z.enum(USER_ACTIONS)),
});
const Params = z.object({ id: z.guid() });
const Body = z.strictObject({ reason: z.string().trim().min(1).max(500), version: z.number().int().min(1) });

/** Administration of user accounts: list, disable (ends their sessions at once), enable. */
export const usersFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { clock } = app.deps;

  app.get('/api/v1/admin/users', {
    config: { action: 'user.list' },
    schema: {
      tags: ['admin'],
      summary: 'User accounts (search by login id, name, e-mail or persona)',
      querystring: PageQuery.extend({ q: z.string().trim().max(100).optional() }),
      response: { 200: Page(UserItem) },
    },
  }, async (req) => {
    const { q, ...page } = req.query;
    const r = await listUsers(app.deps.database.db, q || undefined, page.pageSize, offsetOf(page));
    return { items: r.items.map((u) => toItem(req.actor!, u)), total: r.total, page: page.page, pageSize: page.pageSize };
  });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    app.post(`/api/v1/admin/users/:id/${verb}`, {
      config: { action: 'user.disable' },
      schema: {
        tags: ['admin'],
        summary: active ? 'Enable a user account' : 'Disable a user account: their live sessions end at once',
        description: 'Send the version you saw; a changed account answers 409 STALE_VERSION. Nobody may disable or enable their own account.',
        params: Params,
        body: Body,
        response: { 200: UserItem },
      },
    }, async (req) => {
      const now = clock.now();
      return app.tx((tx) => setActive(tx, req, now, req.params.id, active, req.body));
    });
  }
};
