/**
 * Teams as the installation configures them (SPEC section 1): a display name, which is all people ever
 * see, and the provider group whose members belong to the team (`Service=/support/service`, an Entra
 * group id, or just the name when the provider's group is called like the team). Pure.
 */

/** A configured team: its stable id, what people see (`name`), and the provider group behind it. */
export interface TeamRule {
  readonly id: string;
  readonly name: string;
  /** The groups-claim value (a Keycloak path, an Entra group id, a name), compared without the prefix. */
  readonly group: string;
}

/**
 * The stable id of a team name: lower-case ASCII letters and digits joined by dashes.
 * @example teamIdFor('GO Engineers') // 'go-engineers'
 */
export function teamIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why a list of team entries was refused; never quotes an entry. */
export type TeamListProblem = 'empty name' | 'empty group' | 'name without letters or digits' | 'duplicate';

/**
 * Team entries `Name=group` (or just `Name`, then the group is the name) as teams; a problem when an
 * entry has no name or group, or two names give one id.
 * @example teamRules(['Service=/support/service', 'Sales']) // [{ id: 'service', name: 'Service', group: '/support/service' }, { id: 'sales', name: 'Sales', group: 'Sales' }]
 */
export function teamRules(entries: readonly string[]): TeamRule[] | TeamListProblem {
  const teams: TeamRule[] = [];
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const name = (at < 0 ? entry : entry.slice(0, at)).trim();
    const group = at < 0 ? name : entry.slice(at + 1).trim();
    if (name === '') return 'empty name';
    if (group === '') return 'empty group';
    const id = teamIdFor(name);
    if (id === '') return 'name without letters or digits';
    if (teams.some((team) => team.id === id)) return 'duplicate';
    teams.push(Object.freeze({ id, name, group }));
  }
  return teams;
}
