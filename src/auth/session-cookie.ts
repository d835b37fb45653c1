/**
 * The two sign-in cookies and their tokens (X5). `ss_session` holds a session token: HttpOnly,
 * SameSite=Lax, Path=/, and in production (or on https) Secure with the `__Host-` prefix, so no sibling
 * host or path can set or read it. `ss_login` ties a sign-in in progress to the browser that started it.
 * The database stores only SHA-256 of either token.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { sha256Hex } from '../store/ids.ts';

const TOKEN_BYTES = 32;
/** Longer values are not ours; they are ignored without a database lookup. */
const MAX_TOKEN_CHARS = 64;

export const SESSION_COOKIE = 'ss_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const LOGIN_COOKIE = 'ss_login';
export const LOGIN_COOKIE_PATH = '/auth';
export const LOGIN_FLOW_SECONDS = 10 * 60;

/** A new random token: 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database keeps of a token. */
export function tokenHash(token: string): string {
  return sha256Hex(token);
}

export interface SignInCookies {
  readonly sessionName: string;
  readonly secure: boolean;
  readSession(request: FastifyRequest): string | undefined;
  setSession(reply: FastifyReply, token: string, maxAgeSeconds: number): void;
  clearSession(reply: FastifyReply): void;
  readLogin(request: FastifyRequest): string | undefined;
  setLogin(reply: FastifyReply, token: string): void;
  clearLogin(reply: FastifyReply): void;
}

export function signInCookies(config: Config): SignInCookies {
  const secure = config.nodeEnv === 'production' || (config.publicUrl?.startsWith('https:') ?? false);
  const sessionName = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const session = { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
  const login = { path: LOGIN_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure } as const;
  const read = (request: FastifyRequest, name: string) => {
    const value = request.cookies[name];
    return value && value.length <= MAX_TOKEN_CHARS ? value : undefined;
  };
  return {
    sessionName,
    secure,
    readSession: (request) => read(request, sessionName),
    setSession: (reply, token, maxAgeSeconds) => {
      reply.setCookie(sessionName, token, { ...session, maxAge: maxAgeSeconds });
    },
    clearSession: (reply) => {
      reply.clearCookie(sessionName, session);
    },
    readLogin: (request) => read(request, LOGIN_COOKIE),
    setLogin: (reply, token) => {
      reply.setCookie(LOGIN_COOKIE, token, { ...login, maxAge: LOGIN_FLOW_SECONDS });
    },
    clearLogin: (reply) => {
      reply.clearCookie(LOGIN_COOKIE, login);
    },
  };
}
