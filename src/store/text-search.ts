/**
 * Searching accounts by a part of their name or e-mail address, case-insensitively, for member
 * management and the audit view's actor filter. `%`, `_` and `\` in what was typed stand for themselves.
 */
import { sql } from 'kysely';

/** `%<query>%`, lower-cased, with LIKE's wildcards and the escape character escaped. */
function likePattern(query: string): string {
  return `%${query.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * A condition true where the account under `alias` (a table or its alias in the query) has `query` in
 * its name or e-mail address. E-mail addresses are stored in lower case; names are compared in lower case.
 * @example query.where(nameOrEmailHolds('actor', 'greta'))
 */
export function nameOrEmailHolds(alias: string, query: string) {
  const pattern = likePattern(query);
  const name = sql.ref(`${alias}.name`);
  const email = sql.ref(`${alias}.email`);
  return sql<boolean>`(lower(${name}) LIKE ${pattern} ESCAPE '\\' OR ${email} LIKE ${pattern} ESCAPE '\\')`;
}
