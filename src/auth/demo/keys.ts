/**
 * The demo provider's keys: an RSA signing key, the cookie signing keys and the client secret, made at
 * first start and kept in a 0600 file in the data folder, so sessions and tokens survive restarts and no
 * key is ever in git.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const DEMO_KEYS_FILE = 'demo-idp-keys.json';

const RSA_MODULUS_BITS = 2048;
const SECRET_BYTES = 32;

const demoKeysSchema = z.object({
  signingKey: z.looseObject({ kty: z.literal('RSA'), kid: z.string(), d: z.string() }),
  cookieKeys: z.array(z.string().min(32)).min(1),
  clientSecret: z.string().min(32),
});
export type DemoKeys = z.output<typeof demoKeysSchema>;

function generateDemoKeys(): DemoKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS });
  const jwk = privateKey.export({ format: 'jwk' });
  const secret = () => randomBytes(SECRET_BYTES).toString('base64url');
  return {
    signingKey: {
      ...jwk,
      kty: 'RSA',
      d: String(jwk.d),
      kid: secret().slice(0, 16),
      alg: 'RS256',
      use: 'sig',
    },
    cookieKeys: [secret()],
    clientSecret: secret(),
  };
}

/**
 * Reads the keys file in `dataDir`, or creates it (mode 0600) when there is none. Two processes starting
 * at once agree on one file: it is created by a hard link, which fails if the file appeared meanwhile.
 */
export async function loadDemoKeys(dataDir: string): Promise<DemoKeys> {
  const file = join(dataDir, DEMO_KEYS_FILE);
  const existing = await readKeys(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(draft, JSON.stringify(generateDemoKeys()), { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  const created = await readKeys(file);
  if (!created) throw new Error(`${file} vanished while it was being created`);
  return created;
}

async function readKeys(file: string): Promise<DemoKeys | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Keys readable by others are narrowed, not trusted blindly and not refused.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  // JSON.parse's own message quotes the text, which holds keys: replaced by one without it.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = demoKeysSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a valid demo key file; delete it to make new keys`);
  return parsed.data;
}
