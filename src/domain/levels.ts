/**
 * Confidentiality levels (C1-C8): the level layer of every access decision, in one pure function,
 * {@link decideLevel}. DESIGN "Access decisions": the level layer comes after every other layer and can
 * only deny (C4: it narrows access, never widens it); the editor override (C5) skips it only for the
 * creator's own items, and only for seeing them, never for opening.
 *
 * Also here: who of a team may open a classified secret (C6, {@link partitionTeam}) and what the sender
 * is shown of those excluded ({@link exclusionView}).
 */
import type { ExclusionView } from '../protocol/secrets.ts';
import type { Level } from '../protocol/values.ts';
import type { Role } from './accounts.ts';
import { ADMIN_CLEARANCE } from './roles.ts';

/** The installation's level settings (admin settings, C1 and C7). */
export interface LevelSettings {
  /** C1: off means every secret and invitation is level 1 and no level narrows anything. */
  readonly levelsEnabled: boolean;
  /** C7: every open uses the current clearance instead of the one recorded at share time. */
  readonly recheckClearanceOnOpen: boolean;
}

/** Levels on, clearance recorded at share time counts (the SPEC's defaults). */
export const DEFAULT_LEVEL_SETTINGS: LevelSettings = Object.freeze({
  levelsEnabled: true,
  recheckClearanceOnOpen: false,
});

/**
 * What is asked of the level layer:
 * - `classify` (C3): the creator gives a secret or invitation this classification;
 * - `address` (C4): a secret of this classification is addressed to a recipient of this clearance;
 * - `open` (C4, C7): the recipient opens it;
 * - `view` (C5, C8): someone sees the item, its status or its history (lists, audit log).
 */
export type LevelAction = 'classify' | 'address' | 'open' | 'view';

/** A person as the level layer sees them: role, admin flag and clearance as stored. */
export interface Cleared {
  readonly role: Role;
  readonly isAdmin: boolean;
  readonly clearance: Level;
}

export interface LevelQuestion {
  readonly action: LevelAction;
  /** The creator (classify), the recipient (address, open) or the viewer (view). */
  readonly person: Cleared;
  readonly classification: Level;
  /**
   * C7, open only: the clearance recorded for this person when the secret was shared with them; null
   * when none was (a direct share, a member who joined the team later).
   */
  readonly recordedClearance?: Level | null | undefined;
  /** C5, view only: the person created the item. */
  readonly isCreator?: boolean | undefined;
}

/**
 * Why the level layer refused; each maps to its own answer:
 * - `above_own_clearance`: C3, `share.classification_above_clearance`;
 * - `recipient_clearance`: C4 at creation, `share.recipient_clearance`;
 * - `above_clearance`: C4 at open, `secret.above_clearance`;
 * - `hidden`: C8, the entry is left out of what the person sees.
 */
export type LevelDenial = 'above_own_clearance' | 'recipient_clearance' | 'above_clearance' | 'hidden';

export type LevelDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: LevelDenial };

const ALLOWED: LevelDecision = Object.freeze({ allowed: true });

/**
 * C2: the clearance a person has now. Admins always have level 3, whatever is stored.
 * @example currentClearance({ role: 'staff', isAdmin: true, clearance: 1 }) // 3
 */
export function currentClearance(person: Cleared): Level {
  return person.isAdmin ? ADMIN_CLEARANCE : person.clearance;
}

/**
 * C7: the clearance an open is judged by: the higher of the current one and the one recorded when the
 * secret was shared with the person, or only the current one when the installation re-checks at open.
 */
export function openingClearance(
  person: Cleared,
  recordedClearance: Level | null | undefined,
  settings: LevelSettings,
): Level {
  const current = currentClearance(person);
  if (settings.recheckClearanceOnOpen || recordedClearance == null) return current;
  return recordedClearance > current ? recordedClearance : current;
}

/**
 * The level layer (C1-C8). With levels off (C1) it allows everything: every item counts as level 1.
 * @example decideLevel({ action: 'open', person: carla, classification: 2 }, DEFAULT_LEVEL_SETTINGS)
 */
export function decideLevel(question: LevelQuestion, settings: LevelSettings): LevelDecision {
  if (!settings.levelsEnabled) return ALLOWED;
  const { action, person, classification } = question;
  const deny = (reason: LevelDenial): LevelDecision => ({ allowed: false, reason });
  switch (action) {
    case 'classify':
      // C3: never above the creator's own clearance.
      return classification <= currentClearance(person) ? ALLOWED : deny('above_own_clearance');
    case 'address':
      // C4: a direct share the recipient could never open is refused when it is made.
      return classification <= currentClearance(person) ? ALLOWED : deny('recipient_clearance');
    case 'open':
      // C4 with C7's recorded clearance (unless re-checked at open). No C5 override: an open needs the level.
      return classification <= openingClearance(person, question.recordedClearance, settings)
        ? ALLOWED
        : deny('above_clearance');
    case 'view':
      // C5: the creator always sees their own items; admins see everything as level 3. C8 otherwise.
      if (question.isCreator || person.isAdmin) return ALLOWED;
      return classification <= currentClearance(person) ? ALLOWED : deny('hidden');
    default:
      return deny('hidden');
  }
}

/**
 * C1: the classification an item gets: the chosen one (default the lowest, C3) with levels on, always
 * level 1 with levels off.
 */
export function effectiveClassification(chosen: Level | undefined, settings: LevelSettings): Level {
  return settings.levelsEnabled ? (chosen ?? 1) : 1;
}

/** A member of a team as C6 sees them. */
export interface TeamMember extends Cleared {
  readonly accountId: string;
  readonly name: string;
}

/**
 * C6: the team's members split into those who may open a secret of `classification` and those excluded
 * by their clearance. At the moment of sharing (no `recordedClearance`) the eligible ones are recorded
 * with the secret (C7); afterwards `recordedClearance` gives what was recorded for a member, so the split
 * is the one an open would make now.
 */
export function partitionTeam<M extends TeamMember>(
  members: readonly M[],
  classification: Level,
  settings: LevelSettings,
  recordedClearance: (member: M) => Level | null = () => null,
): { eligible: M[]; excluded: M[] } {
  const eligible: M[] = [];
  const excluded: M[] = [];
  for (const member of members) {
    const decision = decideLevel(
      { action: 'open', person: member, classification, recordedClearance: recordedClearance(member) },
      settings,
    );
    (decision.allowed ? eligible : excluded).push(member);
  }
  return { eligible, excluded };
}

/**
 * How many excluded members are named before `+N` stands for the rest (C6). Three fit one line of the
 * create form, a table cell and a phone card, and are enough for the sender to know whom to ask about a
 * clearance; `+N` keeps the count exact.
 */
export const EXCLUDED_NAMES_SHOWN = 3;

export type { ExclusionView };

/** The first word of a display name (`Greta Engineer` -> `Greta`). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/**
 * C6: the excluded members as `viewer` may see them. Names sorted, so the view does not depend on the
 * order the database returned them in.
 * @example exclusionView([greta, ines, sven, uwe], 'staff') // { shown: 'names', count: 4, names: ['Greta', 'Ines', 'Sven'], more: 1 }
 */
export function exclusionView(excluded: readonly { name: string }[], viewer: Role): ExclusionView {
  if (viewer !== 'staff') return { shown: 'count', count: excluded.length };
  const names = excluded.map((member) => firstName(member.name)).sort((a, b) => a.localeCompare(b));
  const shown = names.slice(0, EXCLUDED_NAMES_SHOWN);
  return { shown: 'names', count: excluded.length, names: shown, more: excluded.length - shown.length };
}
