/** S6: creating, opening and managing secrets needs sign-in. */
import type { FastifyRequest } from 'fastify';
import type { Account } from '../domain/accounts.ts';
import { AppError } from '../protocol/errors.ts';

export function requireAccount(request: FastifyRequest): Account {
  if (!request.account) throw new AppError('auth.required');
  return request.account;
}
