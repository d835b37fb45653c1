/**
 * The level layer (C1-C8) as one decision table: role x action x classification x clearance x override
 * (C5, the creator) x strict setting (C7, re-check clearance when opening), with rows named by C rule,
 * then the whole cross product against the SPEC's sentences.
 */
import { describe, expect, it } from 'vitest';
import {
  type Cleared,
  DEFAULT_LEVEL_SETTINGS,
  decideLevel,
  exclusionView,
  firstName,
  type LevelAction,
  type LevelDenial,
  type LevelSettings,
  partitionTeam,
} from '../../../src/domain/levels.ts';
import { LEVELS, type Level } from '../../../src/protocol/values.ts';

const on: LevelSettings = DEFAULT_LEVEL_SETTINGS;
const strict: LevelSettings = { levelsEnabled: true, recheckClearanceOnOpen: true };
const off: LevelSettings = { levelsEnabled: false, recheckClearanceOnOpen: false };

const customer = (clearance: Level): Cleared => ({ role: 'customer', isAdmin: false, clearance });
const staff = (clearance: Level): Cleared => ({ role: 'staff', isAdmin: false, clearance });
/** An admin's stored clearance does not matter: admins always have level 3 (C2). */
const admin = (clearance: Level = 1): Cleared => ({ role: 'staff', isAdmin: true, clearance });

interface Row {
  readonly person: Cleared;
  readonly action: LevelAction;
  readonly classification: Level;
  readonly recorded?: Level | null;
  readonly creator?: boolean;
  readonly settings: LevelSettings;
  readonly expected: 'allowed' | LevelDenial;
}

const table: [string, Row][] = [
  // C3: the creator classifies up to their own clearance; the default is the lowest level.
  [
    'C3 a customer classifies at their clearance',
    { person: customer(2), action: 'classify', classification: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C3 a customer cannot classify above their clearance',
    {
      person: customer(1),
      action: 'classify',
      classification: 2,
      settings: on,
      expected: 'above_own_clearance',
    },
  ],
  [
    'C3 staff cannot classify above their clearance',
    {
      person: staff(2),
      action: 'classify',
      classification: 3,
      settings: on,
      expected: 'above_own_clearance',
    },
  ],
  [
    'C2, C3 an admin classifies Secret whatever is stored',
    { person: admin(1), action: 'classify', classification: 3, settings: on, expected: 'allowed' },
  ],
  [
    'C1 levels off: nothing is above anyone',
    { person: customer(1), action: 'classify', classification: 3, settings: off, expected: 'allowed' },
  ],
  // C4 at creation: a direct share the recipient could never open is refused.
  [
    'C4 a recipient at the level is addressed',
    { person: customer(2), action: 'address', classification: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C4 a recipient below the level is refused at creation',
    {
      person: customer(1),
      action: 'address',
      classification: 2,
      settings: on,
      expected: 'recipient_clearance',
    },
  ],
  [
    'C1 levels off: any recipient is addressed',
    { person: customer(1), action: 'address', classification: 3, settings: off, expected: 'allowed' },
  ],
  // C4 at open.
  [
    'C4 at or below the clearance opens',
    { person: staff(2), action: 'open', classification: 1, settings: on, expected: 'allowed' },
  ],
  [
    'C4 equal level opens',
    { person: staff(2), action: 'open', classification: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C4 above the clearance is refused',
    { person: staff(2), action: 'open', classification: 3, settings: on, expected: 'above_clearance' },
  ],
  [
    'C2 admins open every level (as recipients)',
    { person: admin(1), action: 'open', classification: 3, settings: on, expected: 'allowed' },
  ],
  [
    'C5 the override is for seeing, never for opening',
    {
      person: customer(1),
      action: 'open',
      classification: 2,
      creator: true,
      settings: on,
      expected: 'above_clearance',
    },
  ],
  // C7: the clearance recorded at share time.
  [
    'C7 a member lowered after the share still opens it',
    { person: staff(1), action: 'open', classification: 2, recorded: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C7 strict: a lowered member is judged by the current clearance',
    {
      person: staff(1),
      action: 'open',
      classification: 2,
      recorded: 2,
      settings: strict,
      expected: 'above_clearance',
    },
  ],
  [
    'C7 a member who joined later is checked against their clearance',
    {
      person: staff(1),
      action: 'open',
      classification: 2,
      recorded: null,
      settings: on,
      expected: 'above_clearance',
    },
  ],
  [
    'C7 a member raised after the share opens by the current clearance',
    { person: staff(3), action: 'open', classification: 3, recorded: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C7 strict: a raised member opens too',
    {
      person: staff(3),
      action: 'open',
      classification: 3,
      recorded: 1,
      settings: strict,
      expected: 'allowed',
    },
  ],
  [
    'C1 levels off: every secret opens as level 1',
    { person: customer(1), action: 'open', classification: 3, settings: off, expected: 'allowed' },
  ],
  // C5 and C8: who sees an item, its status and its history.
  [
    'C8 an entry at or below the clearance is seen',
    { person: customer(2), action: 'view', classification: 2, settings: on, expected: 'allowed' },
  ],
  [
    'C8 an entry above the clearance is hidden',
    { person: staff(1), action: 'view', classification: 2, settings: on, expected: 'hidden' },
  ],
  [
    'C5 the creator always sees their own item',
    {
      person: customer(1),
      action: 'view',
      classification: 3,
      creator: true,
      settings: on,
      expected: 'allowed',
    },
  ],
  [
    'C5 admins see everything as level 3',
    { person: admin(1), action: 'view', classification: 3, settings: on, expected: 'allowed' },
  ],
  [
    'C1 levels off: nothing is hidden',
    { person: staff(1), action: 'view', classification: 3, settings: off, expected: 'allowed' },
  ],
];

function decide(row: Omit<Row, 'expected'>) {
  return decideLevel(
    {
      action: row.action,
      person: row.person,
      classification: row.classification,
      recordedClearance: row.recorded,
      isCreator: row.creator,
    },
    row.settings,
  );
}

describe('decideLevel: the level layer (C1-C8)', () => {
  it.each(table)('%s', (_name, row) => {
    const decision = decide(row);
    if (row.expected === 'allowed') expect(decision).toEqual({ allowed: true });
    else expect(decision).toEqual({ allowed: false, reason: row.expected });
  });
});

/** The SPEC's sentences, read directly, for every combination the table above samples. */
function expectedBySpec(row: Required<Omit<Row, 'expected'>>): boolean {
  if (!row.settings.levelsEnabled) return true; // C1
  const clearance = row.person.isAdmin ? 3 : row.person.clearance; // C2
  switch (row.action) {
    case 'classify': // C3
    case 'address': // C4 at creation
      return row.classification <= clearance;
    case 'open': {
      // C4, C7
      const recorded = row.settings.recheckClearanceOnOpen ? null : row.recorded;
      return row.classification <= Math.max(clearance, recorded ?? 0);
    }
    case 'view': // C5, C8
      return row.creator || row.person.isAdmin || row.classification <= clearance;
  }
}

describe('decideLevel over role x action x classification x clearance x override x strict', () => {
  const people = LEVELS.flatMap((level) => [customer(level), staff(level), admin(level)]);
  const actions: LevelAction[] = ['classify', 'address', 'open', 'view'];
  const settings = [on, strict, off];
  const rows: Required<Omit<Row, 'expected'>>[] = [];
  for (const person of people)
    for (const action of actions)
      for (const classification of LEVELS)
        for (const creator of [false, true])
          for (const setting of settings)
            for (const recorded of [null, ...LEVELS])
              rows.push({ person, action, classification, creator, settings: setting, recorded });

  it(`agrees with the SPEC on all ${rows.length} combinations`, () => {
    const disagreements = rows.filter((row) => decide(row).allowed !== expectedBySpec(row));
    expect(disagreements).toEqual([]);
  });

  it('C4: the level layer only narrows: what it allows at a clearance it allows at every higher one', () => {
    for (const row of rows) {
      if (!decide(row).allowed || row.person.isAdmin) continue;
      for (const higher of LEVELS.filter((level) => level > row.person.clearance)) {
        expect(decide({ ...row, person: { ...row.person, clearance: higher } }).allowed).toBe(true);
      }
    }
  });
});

describe('partitionTeam: who of a team may open a classified secret (C6)', () => {
  const member = (name: string, clearance: Level, isAdmin = false) => ({
    accountId: name.toLowerCase(),
    name,
    role: 'staff' as const,
    isAdmin,
    clearance,
  });
  const team = [member('Sven Service', 1), member('Greta Engineer', 2), member('Ada Admin', 1, true)];

  it('C6 members below the level are excluded; admins are level 3 (C2)', () => {
    const { eligible, excluded } = partitionTeam(team, 2, on);
    expect(eligible.map((m) => m.name)).toEqual(['Greta Engineer', 'Ada Admin']);
    expect(excluded.map((m) => m.name)).toEqual(['Sven Service']);
  });

  it('C6 at level 1 nobody is excluded', () => {
    expect(partitionTeam(team, 1, on).excluded).toEqual([]);
  });

  it('C1 levels off: nobody is excluded, whatever the classification', () => {
    expect(partitionTeam(team, 3, off).excluded).toEqual([]);
  });

  it('C7 after sharing: a member recorded at the level stays eligible; strict judges the clearance now', () => {
    const recorded = (m: { name: string }) => (m.name === 'Sven Service' ? (2 as Level) : null);
    expect(partitionTeam(team, 2, on, recorded).excluded).toEqual([]);
    expect(partitionTeam(team, 2, strict, recorded).excluded.map((m) => m.name)).toEqual(['Sven Service']);
  });
});

describe('exclusionView: what the sender sees of the excluded (C6)', () => {
  const people = ['Sven Service', 'Ines Sales', 'Greta Engineer', 'Uwe Ulm', 'Bea Berg'].map((name) => ({
    name,
  }));

  it('C6 staff see first names, three of them, and +N for the rest', () => {
    expect(exclusionView(people, 'staff')).toEqual({
      shown: 'names',
      count: 5,
      names: ['Bea', 'Greta', 'Ines'],
      more: 2,
    });
  });

  it('C6 staff see every name when there are three or fewer', () => {
    expect(exclusionView(people.slice(0, 2), 'staff')).toEqual({
      shown: 'names',
      count: 2,
      names: ['Ines', 'Sven'],
      more: 0,
    });
  });

  it('C6 customers see only the count, never a name', () => {
    const view = exclusionView(people, 'customer');
    expect(view).toEqual({ shown: 'count', count: 5 });
    expect(JSON.stringify(view)).not.toMatch(/Sven|Ines|Greta|Uwe|Bea/);
  });

  it('a first name is the first word of the display name', () => {
    expect(firstName('  Greta  Engineer ')).toBe('Greta');
    expect(firstName('Cher')).toBe('Cher');
  });
});
