/**
 * The invitations API (S4, S5, X2): request and response shapes shared by the browser and the server.
 * Binary values travel as unpadded base64url, read strictly (see `isCanonicalBase64url`).
 */
import { z } from 'zod';
import { ID_BYTES, VERIFIER_BYTES } from './crypto.ts';
import {
  HPKE_ENC_BYTES,
  INVITATION_PROTOCOL_VERSION,
  INVITATION_PUBLIC_KEY_BYTES,
  INVITE_SECRET_BYTES,
  INVITE_SECRET_HASH_BYTES,
  MAX_BROWSER_DESCRIPTION_CHARS,
  MAX_INVITATION_LABEL_CHARS,
} from './invitation-crypto.ts';
import {
  answers,
  base64urlOf,
  ciphertextSchema,
  type InvitationRef,
  invitationRefSchema,
  levelSchema,
  personViewSchema,
  text,
  timestampSchema,
} from './secrets.ts';
import { BASE64URL_ALPHABET, base64urlLength, isCanonicalBase64url } from './values.ts';

export type { InvitationRef };

export const invitationIdSchema = base64urlOf(ID_BYTES);

/**
 * The invitation secret from the link's fragment. Any other spelling of 32 bytes than the canonical one
 * is a wrong secret, answered as one (`invitation.gone`, S5); any other shape is a bad request.
 */
const inviteSecretSchema = text()
  .pipe(z.stringFormat('base64url', BASE64URL_ALPHABET).length(base64urlLength(INVITE_SECRET_BYTES)))
  .refine(isCanonicalBase64url, {
    ...answers('invitation.gone'),
    when: (payload) => payload.issues.length === 0,
  });

/** `POST /api/invitations` (staff only, S4). */
export const createInvitationRequest = z.strictObject({
  version: z.literal(INVITATION_PROTOCOL_VERSION),
  /** What the guest sees, e.g. "VPN password for the Berlin office". */
  label: text().trim().min(1).max(MAX_INVITATION_LABEL_CHARS),
  /** The invitation's raw X25519 public key; its private half never leaves the creating browser. */
  publicKey: base64urlOf(INVITATION_PUBLIC_KEY_BYTES),
  /** SHA-256 of the invitation secret (X2): the server never sees the secret before the guest uses it. */
  secretHash: base64urlOf(INVITE_SECRET_HASH_BYTES),
  /** Where the invitation was made ("Chrome on Linux"), to name the browser that holds the key. */
  browser: text().trim().max(MAX_BROWSER_DESCRIPTION_CHARS),
  /** C3: defaults to the lowest level, never above the creator's clearance. */
  classification: levelSchema.optional(),
  /** S5: defaults to the installation's invitation preset; bounded by its maximum. */
  expiresInSeconds: z.number().int().positive().optional(),
});
export type CreateInvitationRequest = z.output<typeof createInvitationRequest>;

export const createInvitationResponse = z.strictObject({
  id: z.string(),
  expiresAt: timestampSchema,
  classification: levelSchema,
});
export type CreateInvitationResponse = z.infer<typeof createInvitationResponse>;

/** `POST /api/invitations/:id/peek`: the guest shows the invitation secret; nothing is used up. */
export const peekInvitationRequest = z.strictObject({ secret: inviteSecretSchema });

/**
 * What the guest page shows and seals to, as the server recorded it: the inviting staff member, the
 * label, and the public key, which the guest's browser compares with the one in the link (X2).
 */
export const peekInvitationResponse = z.strictObject({
  id: z.string(),
  label: z.string(),
  inviter: personViewSchema,
  /** The inviter's account id: bound into the submission's additional data. */
  inviterId: z.string(),
  publicKey: z.string(),
  classification: levelSchema,
  expiresAt: timestampSchema,
});
export type PeekInvitationResponse = z.infer<typeof peekInvitationResponse>;

/**
 * `POST /api/invitations/:id/submit`: the guest's one submission (S4, S5), sealed with HPKE in the
 * guest's browser: `enc` and `ciphertext` as HPKE's seal returns them, `verifier` = SHA-256 of the proof
 * key exported from the same HPKE context.
 */
export const submitInvitationRequest = z.strictObject({
  version: z.literal(INVITATION_PROTOCOL_VERSION),
  secret: inviteSecretSchema,
  enc: base64urlOf(HPKE_ENC_BYTES),
  ciphertext: ciphertextSchema(),
  verifier: base64urlOf(VERIFIER_BYTES),
});
export type SubmitInvitationRequest = z.output<typeof submitInvitationRequest>;

export const submitInvitationResponse = z.strictObject({ submittedAt: timestampSchema });
export type SubmitInvitationResponse = z.infer<typeof submitInvitationResponse>;

/** An invitation's status (O6): waiting, used (once, S5), expired, or revoked by its creator. */
export const invitationStatusSchema = z.enum(['waiting', 'used', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

/** One row of "my invitations" (O6). Never the invitation secret or the submission. */
export const invitationSummarySchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  status: invitationStatusSchema,
  classification: levelSchema,
  browser: z.string(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  usedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

export const invitationListResponse = z.strictObject({ invitations: z.array(invitationSummarySchema) });
export type InvitationListResponse = z.infer<typeof invitationListResponse>;

/** `POST /api/invitations/:id/revoke` (O6). */
export const revokeInvitationResponse = z.strictObject({ id: z.string(), status: z.literal('revoked') });
export type RevokeInvitationResponse = z.infer<typeof revokeInvitationResponse>;

/**
 * `GET /api/submissions/:id`, for the inviting staff member only: what their browser needs to derive
 * the submission's possession proof (`enc`), and where the key to it was made, so a browser without
 * that key can say so. The content itself is handed out only by `POST /api/secrets/:id/open`.
 */
export const submissionKeyResponse = z.strictObject({
  id: z.string(),
  invitation: invitationRefSchema.extend({ createdAt: timestampSchema, browser: z.string() }),
  enc: z.string(),
  classification: levelSchema,
  expiresAt: timestampSchema,
});
export type SubmissionKeyResponse = z.infer<typeof submissionKeyResponse>;
