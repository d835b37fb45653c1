/**
 * Generates `docs/configuration.md` and `.env.example` from `SETTINGS` in `src/config.ts` (STYLE 7):
 * `npm run docs:config`. `test/unit/config.test.ts` compares both files with what this renders, so the
 * docs cannot drift from the code.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SETTINGS } from '../src/config.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_DOCS_FILE = join(ROOT, 'docs', 'configuration.md');
export const ENV_EXAMPLE_FILE = join(ROOT, '.env.example');

interface Row {
  env: string;
  doc: string;
  fallback: string | undefined;
  allowed: readonly string[] | undefined;
}

/** The accepted words of an enum setting (also behind a transform, as for flags). */
function allowedValues(schema: z.ZodType): readonly string[] | undefined {
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  if (schema instanceof z.ZodPipe && schema.in instanceof z.ZodEnum) return schema.in.options.map(String);
  return undefined;
}

function rows(): Row[] {
  return Object.values(SETTINGS).map((setting) => ({
    env: setting.env,
    doc: setting.doc,
    fallback: setting.fallback,
    allowed: allowedValues(setting.schema),
  }));
}

function defaultCell(fallback: string | undefined): string {
  if (fallback === undefined) return 'unset';
  if (fallback === '') return '(empty)';
  return `\`${fallback}\``;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderConfigDocs(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from SETTINGS in src/config.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Safe Share reads its configuration from environment variables, once at start. Every variable is',
    'optional for the demo set-up. An empty value counts as unset. A value that does not parse stops the',
    'start with a message that names the variable but never repeats its value. Lists are comma-separated;',
    'spaces around items are trimmed and empty items dropped. Durations are in seconds.',
    '',
    'Checks across settings: `EXPIRY_DEFAULT_SECONDS` may not be above `EXPIRY_MAX_SECONDS`;',
    '`OIDC_ISSUER` needs `OIDC_CLIENT_SECRET`, and an `http:` issuer needs `OIDC_ALLOW_HTTP=true`.',
    '`NODE_ENV=production` requires `OIDC_ISSUER` (the built-in demo provider is refused in production),',
    'an `https:` `PUBLIC_URL` (or `ALLOW_HTTP_PUBLIC_URL=true`), your own `TEAMS`, and `STAFF_EMAIL_DOMAINS`',
    "without the demo's `example.com`; it refuses `OIDC_ALLOW_HTTP`.",
    '',
    'Identity providers: the scopes, claim names and group, role and team mapping for Keycloak, Microsoft',
    'Entra ID, Google Workspace and Authentik are in [identity-providers.md](identity-providers.md).',
    '',
    '**An internal certificate authority** (a provider whose certificate your own CA signed): Node.js reads',
    'extra CA certificates (PEM) from the file named by `NODE_EXTRA_CA_CERTS`, in the environment of the',
    'process at its start (not from an env file loaded later), e.g.',
    '`NODE_EXTRA_CA_CERTS=/etc/safe-share/internal-ca.pem`. Without it, sign-in fails and the log says',
    "`issuer_tls` with the certificate's complaint (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`).",
    '',
    '| Variable | Default | Description |',
    '|---|---|---|',
    ...rows().map((row) => {
      const allowed = row.allowed ? ` One of ${row.allowed.map((value) => `\`${value}\``).join(', ')}.` : '';
      return `| \`${row.env}\` | ${defaultCell(row.fallback)} | ${cell(row.doc + allowed)} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

export function renderEnvExample(): string {
  const lines = [
    '# Safe Share: every environment variable it reads, with its default (docs/configuration.md).',
    '# Generated from src/config.ts by `npm run docs:config`. Do not edit by hand.',
    '# Every line is commented out, so a copy changes nothing until you uncomment a line.',
    '# Node 24 loads such a file with: node --env-file=.env bin/start.js',
    '# Never commit a filled-in .env: it holds the OIDC client secret and the database password.',
  ];
  for (const row of rows()) {
    lines.push('', `# ${row.doc}`);
    if (row.allowed) lines.push(`# One of: ${row.allowed.join(', ')}.`);
    lines.push(`# ${row.env}=${row.fallback ?? ''}`);
  }
  lines.push('');
  return lines.join('\n');
}

if (import.meta.main) {
  writeFileSync(CONFIG_DOCS_FILE, renderConfigDocs());
  writeFileSync(ENV_EXAMPLE_FILE, renderEnvExample());
  process.stdout.write(`wrote ${CONFIG_DOCS_FILE} and ${ENV_EXAMPLE_FILE}\n`);
}
