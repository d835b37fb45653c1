/**
 * One definition per answer (issue 21): the answer types are derived from the zod schemas the OpenAPI
 * description is made of, and where a type is written out on its own (the error body, which the browser
 * imports with `errors.ts`; the revoke answers, which the use cases spell inline), it must equal its
 * schema. These are type assertions: `npx tsc -p .` (part of `npm test`) fails when they disagree.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ErrorBody } from '../../../src/protocol/errors.ts';
import type { errorBodySchema } from '../../../src/protocol/errors-schemas.ts';
import type { RevokeInvitationResponse } from '../../../src/protocol/invitations.ts';
import type { MemberStatus, memberStatusSchema } from '../../../src/protocol/members.ts';
import type { Level, RevokeSecretResponse, SecretSummary } from '../../../src/protocol/secrets.ts';
import type { revokeInvitation } from '../../../src/usecases/invitations.ts';
import type { revokeSecret } from '../../../src/usecases/secrets.ts';

describe('answer types and their schemas agree (issue 21)', () => {
  it('X7: ErrorBody (errors.ts, zod-free for the browser) is the error body schema', () => {
    expectTypeOf<z.infer<typeof errorBodySchema>>().toEqualTypeOf<ErrorBody>();
  });

  it('O6: what the revoke use cases return is the described revoke answer', () => {
    expectTypeOf<Awaited<ReturnType<typeof revokeSecret>>>().toEqualTypeOf<RevokeSecretResponse>();
    expectTypeOf<Awaited<ReturnType<typeof revokeInvitation>>>().toEqualTypeOf<RevokeInvitationResponse>();
  });

  it('derived types keep their literal unions', () => {
    expectTypeOf<SecretSummary['classification']>().toEqualTypeOf<Level>();
    expectTypeOf<SecretSummary['status']>().toEqualTypeOf<'waiting' | 'opened' | 'expired' | 'revoked'>();
    expectTypeOf<MemberStatus>().toEqualTypeOf<z.infer<typeof memberStatusSchema>>();
    expectTypeOf<MemberStatus>().toEqualTypeOf<'active' | 'disabled'>();
  });
});
