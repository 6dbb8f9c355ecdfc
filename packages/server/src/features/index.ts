import type { FastifyPluginAsync } from 'fastify';
import { meFeature } from './me/routes.ts';

/** Every feature of the portal: a Fastify plugin each. Add yours here. */
export const features: FastifyPluginAsync[] = [meFeature];
