import type { FastifyInstance } from 'fastify';
import { syncMasters } from './db/masters.ts';
import { newWorkerId, startJobPoller } from './jobs/jobs.ts';
import './notify/notify.ts'; // job handlers: mail.deliver
import { seedOrders } from './orders/seed.ts';
import { employeeTableEmpty, seedDemo } from './seed/index.ts';

/**
 * What a server does after it is built and before it listens: masters, demo data on an empty
 * embedded database, the job poller. Returns a function that stops the background work.
 */
export async function startup(app: FastifyInstance): Promise<() => Promise<void>> {
  const { config, database } = app.deps;
  await syncMasters(database.db);
  await seedOrders(database.db);
  if (config.seedEmployees > 0 && config.env !== 'production' && (await employeeTableEmpty(database.db))) {
    await seedDemo(database.db, { employees: config.seedEmployees, now: app.deps.clock.now(), log: (m) => app.log.info(m) });
  }
  if (config.devIdp) {
    app.log.warn('*** DEVELOPMENT IDENTITY PROVIDER IS ON at /dev-idp: anyone can log in as any demo person. Never use this mode for real data. ***');
  }
  const poller = config.jobs ? startJobPoller(app, { intervalMs: 2000, workerId: newWorkerId() }) : undefined;
  return async () => {
    await poller?.stop();
  };
}
