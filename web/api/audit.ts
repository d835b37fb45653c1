/** The audit view's API (X6) in the terms the activity page uses. */
import type { AuditFilter, AuditResponse } from '../../src/protocol/audit.ts';
import { getJson } from './client.ts';

function queryOf(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export function fetchAudit(filter: AuditFilter, before?: string): Promise<AuditResponse> {
  return getJson<AuditResponse>(`/api/audit?${queryOf(filter, before ? { before } : {})}`);
}

/** Where the browser downloads the matching entries (the session cookie goes along, same origin). */
export function auditExportUrl(filter: AuditFilter, format: 'csv' | 'jsonl'): string {
  return `/api/audit/export?${queryOf(filter, { format })}`;
}
