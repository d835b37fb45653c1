/**
 * The secrets API: request and response shapes shared by the browser and the server.
 * Binary values travel as unpadded base64url.
 */
import { z } from 'zod';
import {
  ID_BYTES,
  IV_BYTES,
  MAX_CIPHERTEXT_BYTES,
  PROOF_BYTES,
  PROTOCOL_VERSION,
  PROTOCOL_VERSIONS,
  VERIFIER_BYTES,
} from './crypto.ts';
import { parseEmail } from './email.ts';
import type { ErrorCode } from './errors.ts';
import { hasControlCharacter } from './text.ts';
import { BASE64URL_ALPHABET, base64urlLength, isCanonicalBase64url } from './values.ts';

export { base64urlLength, LEVELS, type Level, MIN_EXPIRY_SECONDS, normaliseEmail } from './values.ts';

/**
 * A custom issue that answers with its own error code instead of `request.invalid`: `http/errors.ts`
 * reads `params.code`.
 */
export const answers = (code: ErrorCode) => ({ params: { code } });

/**
 * Every string field of the protocol: a control character is refused with `request.control_character`
 * (SPEC section 1, X7), before any other check of the field, on both databases alike.
 */
export const text = () =>
  z.string().refine((value) => !hasControlCharacter(value), {
    ...answers('request.control_character'),
    abort: true,
  });

/**
 * Unpadded base64url of `minBytes` to `maxBytes` bytes in its one canonical spelling: a lenient decoder
 * would read other spellings as the same bytes (see `isCanonicalBase64url`).
 */
const base64url = (minBytes: number, maxBytes: number) =>
  text().pipe(
    z
      .stringFormat('base64url', isCanonicalBase64url)
      .min(base64urlLength(minBytes))
      .max(base64urlLength(maxBytes)),
  );

/** Unpadded base64url of exactly `bytes` bytes, in its canonical spelling. */
export const base64urlOf = (bytes: number) => base64url(bytes, bytes);

/** The shortest AES-GCM ciphertext: the 16-byte tag alone, which an empty text gives. */
const MIN_CIPHERTEXT_BYTES = 16;

/** A sealed text: the AES-GCM tag alone up to the largest ciphertext (guest submissions share the limits). */
export const ciphertextSchema = () => base64url(MIN_CIPHERTEXT_BYTES, MAX_CIPHERTEXT_BYTES);

export const secretIdSchema = base64urlOf(ID_BYTES);

export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/**
 * An e-mail address, given in any spelling and kept in its normal form (SPEC section 1, see
 * `parseEmail`): `Ada.Admin@Example.COM.` is `ada.admin@example.com`, `x@Bücher.de` is
 * `x@xn--bcher-kva.de`.
 */
export const emailSchema = text()
  .max(320)
  .transform((raw, context) => {
    const email = parseEmail(raw);
    if (email === undefined) context.issues.push({ code: 'invalid_format', format: 'email', input: raw });
    return email ?? z.NEVER;
  });

/** S1: staff address one customer by e-mail. S2: customers address one team. */
export const recipientSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('customer'), email: emailSchema }),
  z.strictObject({ kind: z.literal('team'), team: text().min(1).max(64) }),
]);
export type Recipient = z.output<typeof recipientSchema>;

export const createSecretRequest = z.strictObject({
  /** New secrets are sealed with the current version only; stored v1 secrets still open (decision 0012). */
  version: z.literal(PROTOCOL_VERSION),
  recipient: recipientSchema,
  ciphertext: base64url(MIN_CIPHERTEXT_BYTES, MAX_CIPHERTEXT_BYTES),
  iv: base64urlOf(IV_BYTES),
  verifier: base64urlOf(VERIFIER_BYTES),
  /** C3: defaults to the lowest level. */
  classification: levelSchema.optional(),
  /** O3: defaults to the installation's preset; bounded by its maximum. */
  expiresInSeconds: z.number().int().positive().optional(),
});
export type CreateSecretRequest = z.output<typeof createSecretRequest>;

// Response shapes. The server does not parse its own answers with these: they are the one definition of
// the answer's type (z.infer) and of the OpenAPI description (`http/openapi.ts`). The browser imports
// only their types, so no zod reaches its bundle.

/** Milliseconds since the epoch. */
export const timestampSchema = z.number().int();

/**
 * Who of a team cannot open a classified secret (C6), as the viewer may see them: staff see the first
 * names of the first few and `more` for the rest (`+N`); customers only the count, never names or levels.
 */
export const exclusionViewSchema = z.discriminatedUnion('shown', [
  z.strictObject({
    shown: z.literal('names'),
    count: z.number().int(),
    names: z.array(z.string()),
    more: z.number().int(),
  }),
  z.strictObject({ shown: z.literal('count'), count: z.number().int() }),
]);
export type ExclusionView = z.infer<typeof exclusionViewSchema>;

/**
 * Refused attempts by others to open one of the sender's secrets (not its recipient, or below its level;
 * X6), for "My secrets": to staff who tried and when; to customers only how many and when, as C6 keeps
 * staff names from them. A repeated attempt counts each time.
 */
export const refusedOpensSchema = z.discriminatedUnion('shown', [
  z.strictObject({
    shown: z.literal('people'),
    count: z.number().int(),
    firstAt: timestampSchema,
    lastAt: timestampSchema,
    attempts: z.array(
      z.strictObject({
        name: z.string(),
        email: z.string(),
        count: z.number().int(),
        firstAt: timestampSchema,
        lastAt: timestampSchema,
      }),
    ),
  }),
  z.strictObject({
    shown: z.literal('count'),
    count: z.number().int(),
    firstAt: timestampSchema,
    lastAt: timestampSchema,
  }),
]);
export type RefusedOpensView = z.infer<typeof refusedOpensSchema>;

export const createSecretResponse = z.strictObject({
  id: z.string(),
  expiresAt: timestampSchema,
  classification: levelSchema,
  /** Team shares (C6): the members excluded by their clearance, as the sender may see them. */
  exclusion: exclusionViewSchema.optional(),
});
export type CreateSecretResponse = z.infer<typeof createSecretResponse>;

/** `GET /api/teams/:id/exclusion?classification=`: C6 before sharing, as the sender picks team and level. */
export const teamExclusionQuery = z.strictObject({ classification: z.coerce.number().pipe(levelSchema) });

export const teamExclusionResponse = z.strictObject({
  exclusion: exclusionViewSchema,
  /** False when the classification would leave the team without a member who may open it. */
  anyEligible: z.boolean(),
});
export type TeamExclusionResponse = z.infer<typeof teamExclusionResponse>;

export const openSecretRequest = z.strictObject({
  /**
   * authKey, the possession proof derived from the link key. Another spelling of 32 bytes than the
   * canonical one is a wrong proof, answered as one: `secret.gone` (O5). Any other shape is a bad request.
   */
  proof: text()
    .pipe(z.stringFormat('base64url', BASE64URL_ALPHABET).length(base64urlLength(PROOF_BYTES)))
    .refine(isCanonicalBase64url, {
      ...answers('secret.gone'),
      when: (payload) => payload.issues.length === 0,
    }),
});

export const secretStatusSchema = z.enum(['waiting', 'opened', 'expired', 'revoked']);
export type SecretStatus = z.infer<typeof secretStatusSchema>;

export const personViewSchema = z.strictObject({
  name: z.string(),
  email: z.string(),
});
export type PersonView = z.infer<typeof personViewSchema>;

/** Who a secret is for: a customer (S1), a team (S2), or the staff member who invited a guest (S4). */
export const recipientViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('customer'), email: z.string() }),
  z.strictObject({ kind: z.literal('team'), team: z.string(), teamName: z.string() }),
  z.strictObject({ kind: z.literal('inviter'), email: z.string(), name: z.string() }),
]);
export type RecipientView = z.infer<typeof recipientViewSchema>;

/**
 * The invitation a guest's submission came through (S4): its id and the label the staff member gave it.
 * Present only on submissions; a guest has no account, so the label is what names the sender.
 */
export const invitationRefSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
});
export type InvitationRef = z.infer<typeof invitationRefSchema>;

/** The protocol version a stored secret was sealed with (1 or 2). */
const protocolVersionSchema = z.literal(PROTOCOL_VERSIONS);

/**
 * What the browser needs to open a secret: the ciphertext, and the facts its additional data binds as
 * the server has them stored (version, recipient, classification, and from v2 the sender's account id).
 * If any of them was changed after the secret was sent, decryption fails.
 */
export const openSecretResponse = z.strictObject({
  id: z.string(),
  /** The protocol version the secret was sealed with (1 or 2). */
  version: protocolVersionSchema,
  ciphertext: z.string(),
  iv: z.string(),
  recipient: recipientViewSchema,
  classification: levelSchema,
  /** The sender's account id as stored; bound into the additional data from version 2. */
  senderId: z.string(),
  sender: personViewSchema,
  createdAt: timestampSchema,
  /** Submissions only: the invitation it came through (S4). */
  invitation: invitationRefSchema.optional(),
});
export type OpenSecretResponse = z.infer<typeof openSecretResponse>;

/**
 * `POST /api/secrets/:id/peek` with the same body as open: who sent it and what it is, for the recipient,
 * without handing out or burning anything (O4). Same refusals as open (O5).
 */
export const peekSecretResponse = z.strictObject({
  id: z.string(),
  version: protocolVersionSchema,
  recipient: recipientViewSchema,
  classification: levelSchema,
  senderId: z.string(),
  sender: personViewSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  /** Submissions only: the invitation it came through (S4). */
  invitation: invitationRefSchema.optional(),
});
export type PeekSecretResponse = z.infer<typeof peekSecretResponse>;

/** `POST /api/secrets/:id/revoke` (O6). */
export const revokeSecretResponse = z.strictObject({ id: z.string(), status: z.literal('revoked') });
export type RevokeSecretResponse = z.infer<typeof revokeSecretResponse>;

/** One row of "my secrets" (O6). Never carries content, proof or key. */
export const secretSummarySchema = z.strictObject({
  id: z.string(),
  status: secretStatusSchema,
  recipient: recipientViewSchema,
  classification: levelSchema,
  sender: personViewSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  openedAt: timestampSchema.nullable(),
  openedBy: personViewSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
  /** Submissions only: the invitation it came through. */
  invitation: invitationRefSchema.optional(),
  /** Team shares (C6, C7): the team's members who cannot open it now, as the viewer may see them. */
  exclusion: exclusionViewSchema.optional(),
  /** Sent secrets: refused attempts by others to open it, if any (X6). */
  refusedOpens: refusedOpensSchema.optional(),
});
export type SecretSummary = z.infer<typeof secretSummarySchema>;

/** `GET /api/secrets` (O6). */
export const secretListResponse = z.strictObject({
  sent: z.array(secretSummarySchema),
  received: z.array(secretSummarySchema),
});
export type SecretListResponse = z.infer<typeof secretListResponse>;
