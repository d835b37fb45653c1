/**
 * "My secrets" (O6): what an account sent and what was addressed to it, with status, never content.
 * - C5: the sender sees every secret they sent, whatever its level; C8: a received secret above what the
 *   account may open now is left out.
 * - C6, C7: a team secret shows who of its team cannot open it now, as the viewer may see them (staff:
 *   first names and +N; customers: the count).
 * - X6: a sent secret shows the refused attempts by others to open it (staff: who and when; customers:
 *   how many and when).
 */
import type { Account } from '../domain/accounts.ts';
import { REFUSED_OPEN_REASONS, refusedOpensView } from '../domain/audit.ts';
import { decideLevel, exclusionView, type LevelSettings, partitionTeam } from '../domain/levels.ts';
import type { SecretListResponse, SecretSummary } from '../protocol/secrets.ts';
import { auditTargetHash } from '../store/audit.ts';
import { listRefusedOpens } from '../store/audit-view.ts';
import { listRecordedRecipients, listTeamMembers } from '../store/secret-recipients.ts';
import { listReceivedSecrets, listSentSecrets } from '../store/secrets/index.ts';
import type { SecretDeps } from './secrets.ts';

type ListDeps = Pick<SecretDeps, 'store' | 'clock' | 'settings'>;

/** O6: the account's sent and received secrets. */
export async function listSecrets(deps: ListDeps, account: Account): Promise<SecretListResponse> {
  const now = deps.clock();
  const settings = await deps.settings.current();
  const sent = await listSentSecrets(deps.store, account.id, now);
  // A staff member's share with their own team (issue 17) is theirs as its sender, not as a recipient.
  const sentIds = new Set(sent.map((secret) => secret.id));
  const addressed = (await listReceivedSecrets(deps.store, account, now)).filter(
    (secret) => !(secret.recipient.kind === 'team' && sentIds.has(secret.id)),
  );
  const received = await openableByLevel(deps, account, addressed, settings);
  return {
    sent: await withRefusedOpens(deps, account, await withExclusions(deps, account, sent, settings)),
    received: await withExclusions(deps, account, received, settings),
  };
}

/** X6: each sent secret with the refused attempts by others to open it, as its sender may see them. */
async function withRefusedOpens(
  deps: ListDeps,
  sender: Account,
  secrets: SecretSummary[],
): Promise<SecretSummary[]> {
  const hashes = new Map(secrets.map((secret) => [auditTargetHash(secret.id), secret.id]));
  const refusals = await listRefusedOpens(deps.store, sender.id, [...hashes.keys()], REFUSED_OPEN_REASONS);
  return secrets.map((secret) => {
    const view = refusedOpensView(
      refusals.filter((refusal) => hashes.get(refusal.targetHash) === secret.id),
      sender.role,
    );
    return view ? { ...secret, refusedOpens: view } : secret;
  });
}

/** C4, C7, C8: the received secrets the account's clearance (or the one recorded for it) lets it open. */
async function openableByLevel(
  deps: ListDeps,
  account: Account,
  secrets: SecretSummary[],
  settings: LevelSettings,
): Promise<SecretSummary[]> {
  const teamSecretIds = secrets
    .filter((secret) => secret.recipient.kind === 'team')
    .map((secret) => secret.id);
  const recorded = await listRecordedRecipients(deps.store, teamSecretIds, account.id);
  return secrets.filter(
    (secret) =>
      decideLevel(
        {
          action: 'open',
          person: account,
          classification: secret.classification,
          recordedClearance: recorded.find((row) => row.secretId === secret.id)?.clearance ?? null,
        },
        settings,
      ).allowed,
  );
}

/** C6, C7: each team secret with the members of its team who cannot open it now, as `viewer` sees them. */
async function withExclusions(
  deps: ListDeps,
  viewer: Account,
  secrets: SecretSummary[],
  settings: LevelSettings,
): Promise<SecretSummary[]> {
  const teamSecrets = secrets.filter((secret) => secret.recipient.kind === 'team');
  if (teamSecrets.length === 0) return secrets;
  const teamIds = [
    ...new Set(teamSecrets.map((secret) => (secret.recipient.kind === 'team' ? secret.recipient.team : ''))),
  ];
  const members = await listTeamMembers(deps.store, teamIds);
  const recorded = await listRecordedRecipients(
    deps.store,
    teamSecrets.map((secret) => secret.id),
  );
  return secrets.map((secret) => {
    if (secret.recipient.kind !== 'team') return secret;
    const team = secret.recipient.team;
    const { excluded } = partitionTeam(
      members.filter((member) => member.teamId === team),
      secret.classification,
      settings,
      (member) =>
        recorded.find((row) => row.secretId === secret.id && row.accountId === member.accountId)?.clearance ??
        null,
    );
    return { ...secret, exclusion: exclusionView(excluded, viewer.role) };
  });
}
