/** L3: before sign-in the language is the visitor's choice (a cookie), else the browser's. */
import type { FastifyRequest } from 'fastify';
import {
  DEFAULT_LOCALE,
  type Locale,
  localeFromAcceptLanguage,
  matchLocale,
} from '../protocol/i18n/index.ts';

export const LOCALE_COOKIE = 'lang';

export function visitorLocale(request: FastifyRequest): Locale {
  return (
    matchLocale(request.cookies?.[LOCALE_COOKIE]) ??
    localeFromAcceptLanguage(request.headers['accept-language']) ??
    DEFAULT_LOCALE
  );
}
