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
  type ProtocolVersion,
  VERIFIER_BYTES,
} from './crypto.ts';
import { parseEmail } from './email.ts';
import type { ErrorCode } from './errors.ts';
import { hasControlCharacter } from './text.ts';
import { BASE64URL_ALPHABET, base64urlLength, isCanonicalBase64url, type Level } from './values.ts';

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

export interface CreateSecretResponse {
  id: string;
  expiresAt: number;
  classification: Level;
  /** Team shares (C6): the members excluded by their clearance, as the sender may see them. */
  exclusion?: ExclusionView;
}

/**
 * Who of a team cannot open a classified secret (C6), as the viewer may see them: staff see the first
 * names of the first few and `more` for the rest (`+N`); customers only the count, never names or levels.
 */
export type ExclusionView =
  | { shown: 'names'; count: number; names: string[]; more: number }
  | { shown: 'count'; count: number };

/** `GET /api/teams/:id/exclusion?classification=`: C6 before sharing, as the sender picks team and level. */
export const teamExclusionQuery = z.strictObject({ classification: z.coerce.number().pipe(levelSchema) });

export interface TeamExclusionResponse {
  exclusion: ExclusionView;
  /** False when the classification would leave the team without a member who may open it. */
  anyEligible: boolean;
}

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

/**
 * What the browser needs to open a secret: the ciphertext, and the facts its additional data binds as
 * the server has them stored (version, recipient, classification, and from v2 the sender's account id).
 * If any of them was changed after the secret was sent, decryption fails.
 */
export interface OpenSecretResponse {
  id: string;
  /** The protocol version the secret was sealed with (1 or 2). */
  version: ProtocolVersion;
  ciphertext: string;
  iv: string;
  recipient: RecipientView;
  classification: Level;
  /** The sender's account id as stored; bound into the additional data from version 2. */
  senderId: string;
  sender: PersonView;
  createdAt: number;
  /** Submissions only: the invitation it came through (S4). */
  invitation?: InvitationRef;
}

/**
 * `POST /api/secrets/:id/peek` with the same body as open: who sent it and what it is, for the recipient,
 * without handing out or burning anything (O4). Same refusals as open (O5).
 */
export interface PeekSecretResponse {
  id: string;
  version: ProtocolVersion;
  recipient: RecipientView;
  classification: Level;
  senderId: string;
  sender: PersonView;
  createdAt: number;
  expiresAt: number;
  /** Submissions only: the invitation it came through (S4). */
  invitation?: InvitationRef;
}

export type SecretStatus = 'waiting' | 'opened' | 'expired' | 'revoked';

export interface PersonView {
  name: string;
  email: string;
}

/** Who a secret is for: a customer (S1), a team (S2), or the staff member who invited a guest (S4). */
export type RecipientView =
  | { kind: 'customer'; email: string }
  | { kind: 'team'; team: string; teamName: string }
  | { kind: 'inviter'; email: string; name: string };

/**
 * The invitation a guest's submission came through (S4): its id and the label the staff member gave it.
 * Present only on submissions; a guest has no account, so the label is what names the sender.
 */
export interface InvitationRef {
  id: string;
  label: string;
}

/** One row of "my secrets" (O6). Never carries content, proof or key. */
export interface SecretSummary {
  id: string;
  status: SecretStatus;
  recipient: RecipientView;
  classification: Level;
  sender: PersonView;
  createdAt: number;
  expiresAt: number;
  openedAt: number | null;
  openedBy: PersonView | null;
  revokedAt: number | null;
  /** Submissions only: the invitation it came through. */
  invitation?: InvitationRef;
  /** Team shares (C6, C7): the team's members who cannot open it now, as the viewer may see them. */
  exclusion?: ExclusionView;
}

export interface SecretListResponse {
  sent: SecretSummary[];
  received: SecretSummary[];
}
