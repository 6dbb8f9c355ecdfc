/**
 * npm run audit:verify [-- --head head.json] [--public-key key.pem]
 *
 * Walks the audit hash chain of the database named by the environment (DATABASE_URL, else the embedded
 * database in ${DATA_DIR}/pg) and prints OK with the count and the head, or names the first bad record
 * and exits 1. With --head it also checks a previously exported signed head (GET /api/v1/audit/head):
 * the signature must hold and the record at that seq must still have that hash — so a rewrite of the
 * table that recomputes every hash is still found.
 *
 * Exit codes: 0 OK, 1 the chain or the head does not hold, 2 usage/configuration, 3 database not available.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError, openDatabase } from '../db/client.ts';
import { verifyChain } from '../audit/audit.ts';
import { auditSigningKey, checkSignedHead, keyFingerprint, publicKeyPem, type SignedHead } from '../audit/signing.ts';

export interface VerifyArgs {
  head?: string;
  publicKey?: string;
}

export function parseArgs(argv: string[]): VerifyArgs {
  const out: VerifyArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--head') out.head = value();
    else if (flag === '--public-key') out.publicKey = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run audit:verify [-- --head head.json] [--public-key key.pem]');
      process.exit(0);
    } else throw new ConfigError(`unknown argument ${a} (usage: npm run audit:verify [-- --head head.json] [--public-key key.pem])`);
  }
  if ('head' in out && !out.head) throw new ConfigError('--head needs a file name');
  if ('publicKey' in out && !out.publicKey) throw new ConfigError('--public-key needs a file name');
  return out;
}

async function main(): Promise<number> {
  let args: VerifyArgs;
  let config: ReturnType<typeof loadConfig>;
  try {
    args = parseArgs(process.argv.slice(2));
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }

  let head: SignedHead | undefined;
  if (args.head) {
    try {
      head = JSON.parse(fs.readFileSync(args.head, 'utf8')) as SignedHead;
    } catch (e) {
      console.error(`Cannot read the head file ${args.head}: ${(e as Error).message}`);
      return 2;
    }
  }

  const pgDir = path.join(config.dataDir, 'pg');
  if (!config.databaseUrl && !fs.existsSync(pgDir)) {
    console.error(`No database: DATABASE_URL is not set and there is no embedded database in ${pgDir} (set DATA_DIR or DATABASE_URL).`);
    return 3;
  }
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgDir, poolSize: 2, migrate: false });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`${e.message}\nThe embedded database can be opened by one process only: stop the running portal (Ctrl-C) and run audit:verify again.`);
      return 3;
    }
    console.error(`Cannot open the database: ${(e as Error).message}`);
    return 3;
  }
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database ${pgDir}`;
  try {
    const r = await verifyChain(database.db);
    let code = 0;
    if (r.ok) {
      console.log(`OK: audit chain of ${where} holds: ${r.checked} records, head seq ${r.head.seq} hash ${r.head.hash}`);
    } else {
      console.log(`BAD: audit chain of ${where} is broken at record ${r.firstBad?.seq}: ${r.firstBad?.why} (${r.checked} records before it hold)`);
      code = 1;
    }
    if (head) {
      let trusted: string | undefined;
      if (args.publicKey) trusted = publicKeyPem(createPublicKey(fs.readFileSync(args.publicKey, 'utf8')));
      else {
        try {
          const k = auditSigningKey(config, { create: false });
          if (k) trusted = publicKeyPem(k);
        } catch (e) {
          console.error(`Note: this installation's signing key could not be read (${(e as Error).message}); checking with the key in the head file.`);
        }
      }
      const c = await checkSignedHead(database.db, head, { trustedPublicKey: trusted });
      if (c.ok) {
        console.log(`OK: the signed head exported ${head.at} (seq ${head.seq}) matches the chain; key fingerprint ${keyFingerprint(head.publicKey).slice(0, 32)}${trusted ? " (this installation's key)" : ' (compare it with the one you trust: no key of this installation was found)'}`);
      } else {
        console.log(`BAD: signed head ${args.head}: ${c.why}`);
        code = 1;
      }
    }
    return code;
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith('audit-verify.ts')) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
