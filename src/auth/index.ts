/** Sign-in: placeholder until the auth module lands (being written now). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../http/app.ts';

export async function registerAuth(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
