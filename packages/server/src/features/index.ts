import type { FastifyPluginAsync } from 'fastify';
import { meFeature } from './me/routes.ts';
import { mastersFeature } from './masters/routes.ts';
import { employeesFeature } from './employees/routes.ts';
import { authFeature } from './auth/routes.ts';
import { usersFeature } from './users/routes.ts';
import { jobsFeature } from './jobs/routes.ts';
import { notificationsFeature } from './notifications/routes.ts';
import { outboxFeature } from './outbox/routes.ts';
import { auditFeature } from './audit/routes.ts';
import { profileFeature } from './profile/routes.ts';
import { windowsFeature } from './profile/windows.ts';
import { correctionsFeature } from './profile/corrections.ts';
import { strengthFeature } from './profile/strength.ts';
import { registrationFeature } from './registration/routes.ts';
import { profilePrintFeature } from './profile/print.ts';
import { verifyFeature } from '../print/routes.ts';
import { ordersFeature } from './orders/routes.ts';
import { careerFeature } from './career/routes.ts';
import { cclFeature } from './ccl/routes.ts';
import { rulesFeature } from './rules/routes.ts';
import { vigilanceFeature } from './vigilance/routes.ts';
import { iprFeature } from './ipr/routes.ts';
import { foreignVisitFeature } from './foreign-visit/routes.ts';
import { organisationsFeature } from './organisations/routes.ts';
import { deputationFeature } from './deputation/routes.ts';

/** Every feature of the portal: a Fastify plugin each. Add yours here. */
export const features: FastifyPluginAsync[] = [meFeature, mastersFeature, employeesFeature, jobsFeature, notificationsFeature, outboxFeature, auditFeature, profileFeature, windowsFeature, correctionsFeature, strengthFeature, registrationFeature, profilePrintFeature, verifyFeature, ordersFeature, careerFeature, cclFeature, rulesFeature, vigilanceFeature, iprFeature, foreignVisitFeature, organisationsFeature, deputationFeature, authFeature, usersFeature];
