/**
 * A guest's submission (S4) has no key in its link: the key is the invitation's private key in the
 * inviter's browser. Its link on the received list marks that with a fixed fragment instead of a key, so
 * the secret open page knows to look in this browser.
 */

/** The fragment that marks a link to a submission. Not base64url of 32 bytes, so never a link key. */
export const SUBMISSION_FRAGMENT = 'invitation';

export function submissionLink(id: string): string {
  return `/s/${encodeURIComponent(id)}#${SUBMISSION_FRAGMENT}`;
}

/** Whether the current address is a submission's link. */
export function isSubmissionLink(): boolean {
  return window.location.hash === `#${SUBMISSION_FRAGMENT}`;
}
