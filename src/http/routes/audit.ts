/**
 * The audit view (X6, C5, C8): `GET /api/audit` (a page) and `GET /api/audit/export` (everything that
 * matches, as CSV or JSON lines, streamed). Signed in; what each viewer sees is decided in
 * `usecases/audit.ts`.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { auditExportQuery, auditQuery } from '../../protocol/audit.ts';
import { type AuditDeps, exportAudit, viewAudit } from '../../usecases/audit.ts';
import type { AppDeps } from '../context.ts';

const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

export async function registerAuditRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  const deps: AuditDeps = { store, settings: app.settings };

  app.get('/api/audit', async (request, reply) => {
    const account = requireAccount(request);
    const page = await viewAudit(deps, account, auditQuery.parse(request.query));
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.get('/api/audit/export', async (request, reply) => {
    const account = requireAccount(request);
    const { format, ...filter } = auditExportQuery.parse(request.query);
    return reply
      .header('cache-control', 'no-store')
      .header('content-type', EXPORT_TYPES[format])
      .header('content-disposition', `attachment; filename="safe-share-activity.${format}"`)
      .send(Readable.from(exportAudit(deps, account, filter, format)));
  });
}
