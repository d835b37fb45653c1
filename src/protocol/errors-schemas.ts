/**
 * The error body (`ErrorBody` of `errors.ts`) as a zod schema, for the OpenAPI description. Kept apart
 * from `errors.ts`, which the browser imports for its values (`isErrorCode`): this file would bring zod
 * into the browser's bundle. `test/unit/protocol/response-schemas.test.ts` holds the two together.
 */
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';

/** One bad field of a request: its path and what is wrong, never its value. */
export const errorIssueSchema = z.strictObject({ path: z.string(), problem: z.string() });

/** The body of every error response (X7); the description narrows `code` per operation and status. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    /** In the account's language (L2) or the visitor's (L3). */
    message: z.string(),
    /** `request.invalid` and `request.control_character` only. */
    issues: z.array(errorIssueSchema).optional(),
  }),
});
