/**
 * An invitation link (S4, X2): `/i/<id>#<base64url(inviteSecret)>.<base64url(publicKey)>`. The fragment
 * never reaches the server; the guest's browser reads the secret and the public key from it.
 */
import {
  INVITATION_FRAGMENT_SEPARATOR,
  INVITATION_PUBLIC_KEY_BYTES,
  INVITE_SECRET_BYTES,
} from '../../src/protocol/invitation-crypto.ts';
import { base64urlLength, isCanonicalBase64url } from '../../src/protocol/values.ts';

export interface InvitationFragment {
  readonly inviteSecret: string;
  readonly publicKey: string;
}

/** The link a staff member passes to the guest (S7). */
export function invitationLink(origin: string, id: string, inviteSecret: string, publicKey: string): string {
  return `${origin}/i/${id}#${inviteSecret}${INVITATION_FRAGMENT_SEPARATOR}${publicKey}`;
}

/** Reads an invitation link's fragment; undefined when it is damaged or incomplete. */
export function parseInvitationFragment(fragment: string): InvitationFragment | undefined {
  const [inviteSecret = '', publicKey = '', ...rest] = fragment.split(INVITATION_FRAGMENT_SEPARATOR);
  const fits = (value: string, bytes: number) =>
    value.length === base64urlLength(bytes) && isCanonicalBase64url(value);
  if (rest.length > 0 || !fits(inviteSecret, INVITE_SECRET_BYTES)) return undefined;
  if (!fits(publicKey, INVITATION_PUBLIC_KEY_BYTES)) return undefined;
  return { inviteSecret, publicKey };
}
