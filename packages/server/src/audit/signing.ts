import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Config } from '../config.ts';
import { one, sql, type Executor } from '../db/client.ts';

/**
 * Signed export of the audit chain head. The hash chain shows any edit of a record — unless the editor
 * recomputes every later hash, which a database superuser can do. A head exported and signed (and kept
 * off the system: printed, mailed, filed) pins the chain: if the record at that seq no longer has that
 * hash, the chain was rewritten, whatever verifyChain says.
 */
export interface SignedHead {
  seq: number;
  hash: string;
  /** when the head was exported */
  at: string;
  algorithm: 'Ed25519';
  /** SPKI PEM of the signing key */
  publicKey: string;
  /** base64 Ed25519 signature of headMessage(seq, hash, at) */
  signature: string;
}

export const KEY_FILE = 'audit-signing-key.pem';

/** The exact bytes signed: a versioned, line-based text (easy to check with openssl too). */
export function headMessage(h: { seq: number; hash: string; at: string }): Buffer {
  return Buffer.from(`cscms-audit-head/1\nseq=${h.seq}\nhash=${h.hash}\nat=${h.at}\n`, 'utf8');
}

function parsePrivateKey(text: string, origin: string): KeyObject {
  let pem = text.includes('\\n') && !text.includes('\n') ? text.replace(/\\n/g, '\n') : text;
  if (!pem.includes('-----BEGIN')) {
    if (fs.existsSync(pem)) pem = fs.readFileSync(pem, 'utf8');
    else throw new Error(`${origin} is neither a PEM private key nor the path of one`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`${origin} is not a readable PEM private key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${origin} must be an Ed25519 private key (it is ${key.asymmetricKeyType})`);
  return key;
}

const memoryKeys = new WeakMap<Config, KeyObject>();

/**
 * The key that signs the head: AUDIT_SIGNING_KEY (PEM, or a path to one); else, in test mode, one made in
 * memory; else one generated once and kept in `${dataDir}/audit-signing-key.pem` (mode 0600).
 * With `create: false` (the verifier) nothing is generated: undefined when there is no key.
 */
export function auditSigningKey(config: Pick<Config, 'auditSigningKey' | 'env' | 'dataDir'>, opts: { create?: boolean } = {}): KeyObject | undefined {
  if (config.auditSigningKey) return parsePrivateKey(config.auditSigningKey, 'AUDIT_SIGNING_KEY');
  const create = opts.create ?? true;
  if (config.env === 'test') {
    let k = memoryKeys.get(config as Config);
    if (!k && create) {
      k = generateKeyPairSync('ed25519').privateKey;
      memoryKeys.set(config as Config, k);
    }
    return k;
  }
  const file = path.join(config.dataDir, KEY_FILE);
  if (fs.existsSync(file)) return parsePrivateKey(fs.readFileSync(file, 'utf8'), file);
  if (!create) return undefined;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another instance made it first: use theirs
  }
  return parsePrivateKey(fs.readFileSync(file, 'utf8'), file);
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** SHA-256 of the DER public key, hex: short enough to read out over the phone. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(createPublicKey(publicKey).export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Signs the current chain head (after checking the head row matches the last record). */
export async function exportSignedHead(ex: Executor, key: KeyObject, now: Date): Promise<SignedHead> {
  const head = await one<{ seq: number; hash: string }>(ex, sql`SELECT seq, hash FROM audit_head WHERE id = 1`);
  if (!head) throw new Error('audit_head missing');
  if (head.seq > 0) {
    const last = await one<{ hash: string }>(ex, sql`SELECT hash FROM audit_log WHERE seq = ${head.seq}`);
    if (!last || last.hash !== head.hash) throw new Error(`the audit head (seq ${head.seq}) does not match its record: run npm run audit:verify`);
  }
  const at = now.toISOString();
  const signature = sign(null, headMessage({ seq: head.seq, hash: head.hash, at }), key).toString('base64');
  return { seq: head.seq, hash: head.hash, at, algorithm: 'Ed25519', publicKey: publicKeyPem(key), signature };
}

export function verifyHeadSignature(h: SignedHead): boolean {
  try {
    if (h.algorithm !== 'Ed25519') return false;
    return verify(null, headMessage(h), createPublicKey(h.publicKey), Buffer.from(h.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface HeadCheck {
  ok: boolean;
  why?: string;
}

/**
 * A previously exported head against the database: the signature holds (with the trusted key, when
 * given) AND the record at that seq still has that hash.
 */
export async function checkSignedHead(ex: Executor, h: SignedHead, opts: { trustedPublicKey?: string } = {}): Promise<HeadCheck> {
  if (!h || typeof h.seq !== 'number' || typeof h.hash !== 'string' || typeof h.publicKey !== 'string' || typeof h.signature !== 'string' || typeof h.at !== 'string') {
    return { ok: false, why: 'the head file is not a signed head export (seq, hash, at, publicKey, signature)' };
  }
  if (!verifyHeadSignature(h)) return { ok: false, why: 'the signature of the exported head does not verify: the file was altered' };
  if (opts.trustedPublicKey) {
    let same = false;
    try {
      same = keyFingerprint(opts.trustedPublicKey) === keyFingerprint(h.publicKey);
    } catch {}
    if (!same) return { ok: false, why: 'the exported head was signed by a key other than this installation\'s' };
  }
  if (h.seq === 0) return { ok: true };
  const r = await one<{ hash: string }>(ex, sql`SELECT hash FROM audit_log WHERE seq = ${h.seq}`);
  if (!r) return { ok: false, why: `record ${h.seq} of the exported head is missing: the chain was cut back` };
  if (r.hash !== h.hash) return { ok: false, why: `record ${h.seq} no longer has the hash exported on ${h.at}: the chain was rewritten` };
  return { ok: true };
}
