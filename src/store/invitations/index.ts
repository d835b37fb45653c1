/**
 * Guest invitations in the database (S4, S5, X2): `invitations` holds the public key, the hash of the
 * invitation secret and the status; a guest's submission is a secret of kind 'submission' in `secrets`
 * and `secret_contents`, opened and burned like any other. One file per operation.
 */
export { insertInvitation, type NewInvitation } from './create.ts';
export {
  findInvitation,
  findSubmission,
  listInvitationsOf,
  type StoredInvitation,
  type StoredSubmission,
} from './read.ts';
export { redeemInvitation, type SubmissionRequest } from './redeem.ts';
export { type InvitationRevokeRequest, revokeInvitationOfInviter } from './revoke.ts';
