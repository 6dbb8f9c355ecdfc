import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../audit/audit.ts';
import { one, sql, type Executor } from '../db/client.ts';

/** What a verify page may say of a document kind: its name and whether the attested version is still current. */
export interface DocumentKind {
  en: string;
  hi: string;
  /** the version now current for the entity (null when there is none any more) */
  currentVersion(tx: Executor, entityId: string): Promise<number | null>;
}

const kinds = new Map<string, DocumentKind>();

export function registerDocumentKind(kind: string, k: DocumentKind): void {
  kinds.set(kind, k);
}

export function documentKind(kind: string): DocumentKind | undefined {
  return kinds.get(kind);
}

/** Unambiguous code: 12 characters of Crockford base32 in groups of four. */
function newCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const b = randomBytes(12);
  let s = '';
  for (const x of b) s += alphabet[x % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export interface IssueInput {
  kind: string;
  entityId: string;
  versionNo: number;
  /** what the document attests: shown on the verify page, nothing more personal than the document shows */
  attests: Record<string, unknown>;
  issuedTo: string | null;
  now: Date;
}

/** The verification code of a document; printing the same version with the same content again gives the same code. */
export async function issueDocument(tx: Executor, d: IssueInput): Promise<{ code: string; issuedAt: string }> {
  const hash = createHash('sha256').update(canonicalJson(d.attests)).digest('hex');
  const existing = await one<{ code: string; issued_at: string }>(tx, sql`
    SELECT code, issued_at FROM print_document WHERE kind = ${d.kind} AND entity_id = ${d.entityId} AND version_no = ${d.versionNo} AND content_hash = ${hash} LIMIT 1`);
  if (existing) return { code: existing.code, issuedAt: String(existing.issued_at) };
  const code = newCode();
  await tx.execute(sql`
    INSERT INTO print_document (code, kind, entity_id, version_no, attests, content_hash, issued_at, issued_to)
    VALUES (${code}, ${d.kind}, ${d.entityId}, ${d.versionNo}, ${JSON.stringify(d.attests)}::jsonb, ${hash}, ${d.now.toISOString()}, ${d.issuedTo})`);
  return { code, issuedAt: d.now.toISOString() };
}

export interface Verification {
  code: string;
  kind: string;
  en: string;
  hi: string;
  versionNo: number;
  attests: Record<string, unknown>;
  issuedAt: string;
  current: boolean;
}

export async function verifyDocument(tx: Executor, code: string): Promise<Verification | null> {
  const norm = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (norm.length !== 12) return null;
  const formatted = `${norm.slice(0, 4)}-${norm.slice(4, 8)}-${norm.slice(8, 12)}`;
  const d = await one<{ code: string; kind: string; entity_id: string; version_no: number; attests: Record<string, unknown>; issued_at: string }>(tx, sql`
    SELECT code, kind, entity_id, version_no, attests, issued_at FROM print_document WHERE code = ${formatted}`);
  if (!d) return null;
  const k = kinds.get(d.kind);
  const cur = k ? await k.currentVersion(tx, d.entity_id) : null;
  return { code: d.code, kind: d.kind, en: k?.en ?? d.kind, hi: k?.hi ?? d.kind, versionNo: d.version_no, attests: d.attests, issuedAt: String(d.issued_at), current: cur === d.version_no };
}
