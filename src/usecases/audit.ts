/**
 * The audit view (X6, C5, C6, C8; issue 17): the activity history as the viewer may see it
 * (`domain/audit.ts`), a page at a time or whole as CSV or JSON lines. An admin sees every entry; anyone
 * else the entries of their own secrets and invitations and of their own acts. Nothing secret reaches an
 * entry: an item is named by the first characters of its hashed id (X3).
 */
import type { Account } from '../domain/accounts.ts';
import { auditScope, decideAuditEntry } from '../domain/audit.ts';
import type { LevelSettings } from '../domain/levels.ts';
import {
  AUDIT_PAGE_SIZE,
  type AuditEntry,
  type AuditFilter,
  type AuditQuery,
  type AuditResponse,
} from '../protocol/audit.ts';
import { type AuditCursor, listAuditEntries, type StoredAuditEntry } from '../store/audit-view.ts';
import type { Store } from '../store/connection.ts';
import type { SettingsSource } from './settings.ts';

export interface AuditDeps {
  readonly store: Store;
  readonly settings: SettingsSource;
}

/** How many characters of the hashed id name an item: enough to tell items apart, never the id. */
const ITEM_CHARS = 12;

/** How many entries an export reads at a time. */
const EXPORT_BATCH = 1_000;

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (detail === null) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The entries of `rows` the viewer sees, as they see them. */
function visibleEntries(
  viewer: Account,
  rows: readonly StoredAuditEntry[],
  settings: LevelSettings,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const row of rows) {
    const decision = decideAuditEntry(viewer, row, settings);
    if (!decision.visible) continue;
    entries.push({
      at: row.at,
      count: row.count,
      firstAt: row.firstAt,
      action: row.action,
      outcome: row.outcome,
      reason: row.reason,
      classification: row.classification,
      actor: decision.actorShown ? row.actor : null,
      actorHidden: !decision.actorShown && row.actorId !== null,
      subject: row.subject,
      item: row.targetHash?.slice(0, ITEM_CHARS) ?? null,
      detail: parseDetail(row.detail),
    });
  }
  return entries;
}

const cursorOf = (row: StoredAuditEntry) => `${row.at}.${row.id}`;

function parseCursor(before: string | undefined): AuditCursor | undefined {
  if (!before) return undefined;
  const [at, id] = before.split('.').map(Number);
  return at === undefined || id === undefined ? undefined : { at, id };
}

/** `GET /api/audit`: one page of the entries the viewer sees that match the filters, newest first. */
export async function viewAudit(deps: AuditDeps, viewer: Account, query: AuditQuery): Promise<AuditResponse> {
  const settings = await deps.settings.current();
  const scope = auditScope(viewer, settings);
  const rows = await listAuditEntries(deps.store, scope, query, {
    before: parseCursor(query.before),
    limit: AUDIT_PAGE_SIZE,
  });
  const last = rows.at(-1);
  return {
    entries: visibleEntries(viewer, rows, settings),
    next: rows.length === AUDIT_PAGE_SIZE && last ? cursorOf(last) : null,
    scope: scope.all ? 'all' : 'own',
    retentionDays: settings.auditRetentionDays,
  };
}

/** Every entry the viewer sees that matches the filters, newest first, read in batches. */
async function* allEntries(
  deps: AuditDeps,
  viewer: Account,
  filter: AuditFilter,
): AsyncGenerator<AuditEntry> {
  const settings = await deps.settings.current();
  const scope = auditScope(viewer, settings);
  let before: AuditCursor | undefined;
  for (;;) {
    const rows = await listAuditEntries(deps.store, scope, filter, { before, limit: EXPORT_BATCH });
    yield* visibleEntries(viewer, rows, settings);
    const last = rows.at(-1);
    if (rows.length < EXPORT_BATCH || !last) return;
    before = { at: last.at, id: last.id };
  }
}

export const CSV_COLUMNS = [
  'time',
  'first_time',
  'count',
  'action',
  'outcome',
  'reason',
  'classification',
  'actor_name',
  'actor_email',
  'subject_name',
  'subject_email',
  'item',
  'detail',
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a spreadsheet would
 * run as a formula (a name given at the provider can start with `=`) gets a leading `'`.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

function csvLine(entry: AuditEntry): string {
  const cells = [
    iso(entry.at),
    iso(entry.firstAt),
    entry.count,
    entry.action,
    entry.outcome,
    entry.reason,
    entry.classification,
    entry.actor?.name,
    entry.actor?.email,
    entry.subject?.name,
    entry.subject?.email,
    entry.item,
    entry.detail === null ? null : JSON.stringify(entry.detail),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * `GET /api/audit/export`: the entries the viewer sees that match the filters, as CSV (a header line,
 * then one line each) or as JSON lines (one entry each, as `GET /api/audit` gives it).
 */
export async function* exportAudit(
  deps: AuditDeps,
  viewer: Account,
  filter: AuditFilter,
  format: 'csv' | 'jsonl',
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const entry of allEntries(deps, viewer, filter)) {
    yield format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`;
  }
}
