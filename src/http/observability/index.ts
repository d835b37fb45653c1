/** Health, readiness, metrics and request logs: placeholder until that module lands (being written now). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export async function registerObservability(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
