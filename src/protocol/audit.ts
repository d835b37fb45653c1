/**
 * The audit view (X6, C5, C8; issue 17): the activity history as the viewer may see it, filtered by
 * time, actor, action and outcome, a page at a time, and exported as CSV or JSON lines. Never content,
 * ids or keys: an item is named by the first characters of its hashed id.
 */
import { z } from 'zod';
import { levelSchema, text } from './secrets.ts';
import { AUDIT_ACTIONS } from './values.ts';

/** Every action the trail records (X6): kept in the schema-free `values.ts`, which the browser imports. */
export { AUDIT_ACTIONS, type AuditActionName } from './values.ts';

/** How many entries one page of the view holds. */
export const AUDIT_PAGE_SIZE = 100;

const epochMs = z.coerce.number().int().min(0).max(8.64e15);

/** The filters, as query parameters (`GET /api/audit`, `GET /api/audit/export`). */
export const auditFilterSchema = z.strictObject({
  /** From this instant (epoch milliseconds), inclusive. */
  from: epochMs.optional(),
  /** Up to this instant, exclusive. */
  to: epochMs.optional(),
  /** A part of the actor's name or e-mail address. */
  actor: text().trim().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(['ok', 'refused']).optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** `GET /api/audit`: the filters and where the page starts (`next` of the page before). */
export const auditQuery = auditFilterSchema.extend({
  before: text()
    .regex(/^\d{1,16}\.\d{1,16}$/)
    .optional(),
});
export type AuditQuery = z.output<typeof auditQuery>;

/** `GET /api/audit/export`: the filters and the format. */
export const auditExportQuery = auditFilterSchema.extend({ format: z.enum(['csv', 'jsonl']) });

const personSchema = z.strictObject({ name: z.string(), email: z.string() });

/** One event as the viewer may see it. */
export const auditEntrySchema = z.strictObject({
  /** When it happened; for a refusal repeated since, the last repetition. */
  at: z.number().int(),
  /** A refusal repeated: how many times, and when the first was. */
  count: z.number().int(),
  firstAt: z.number().int().nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'refused']),
  /** A reason code, never free text. */
  reason: z.string().nullable(),
  classification: levelSchema.nullable(),
  /** Who did it; null for the system (expiry) and a guest, and where the viewer may not see who (C6). */
  actor: personSchema.nullable(),
  /** True when there was an actor the viewer may not see (a staff member, to a customer). */
  actorHidden: z.boolean(),
  /** Whom an admin's change was about. */
  subject: personSchema.nullable(),
  /** The first characters of the item's hashed id, to tell the events of one item together. */
  item: z.string().nullable(),
  /** What changed, before and after (settings, members). */
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditResponse = z.strictObject({
  entries: z.array(auditEntrySchema),
  /** Where the next page starts (`before`), or null on the last page. */
  next: z.string().nullable(),
  /** The whole log (an admin), or the viewer's own items and actions. */
  scope: z.enum(['all', 'own']),
  /** How long events are kept (the retention setting). */
  retentionDays: z.number().int(),
});
export type AuditResponse = z.infer<typeof auditResponse>;
