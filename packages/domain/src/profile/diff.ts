/** One changed leaf of a profile: its path (e.g. "personal.mobile", "family.children.1.name") and both values. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field-level diff of two profile versions; arrays compare element by element. Stable order by path. */
export function diffProfile(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffProfile(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < n; i++) out.push(...diffProfile(before[i], after[i], `${prefix}.${i}`));
    return out;
  }
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
  if (isPlainObject(before) || isPlainObject(after)) {
    // an object added or removed: report its leaves against nothing
    return diffProfile(isPlainObject(before) ? before : {}, isPlainObject(after) ? after : {}, prefix).map((c) => ({
      ...c,
      before: isPlainObject(before) ? c.before : null,
      after: isPlainObject(after) ? c.after : null,
    }));
  }
  return [{ path: prefix, before: before ?? null, after: after ?? null }];
}

/** Applies corrections { path: value } to a copy of a profile (the Nodal Officer's field-by-field corrections). */
export function applyCorrections<T>(data: T, corrections: Record<string, unknown>): T {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const [path, value] of Object.entries(corrections)) {
    const parts = path.split('.');
    if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) throw new RangeError(`bad path ${path}`);
    let node: Record<string, unknown> = copy;
    for (const p of parts.slice(0, -1)) {
      if (!isPlainObject(node[p]) && !Array.isArray(node[p])) throw new RangeError(`no field ${path}`);
      node = node[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (!Object.hasOwn(node, last)) throw new RangeError(`no field ${path}`);
    node[last] = value;
  }
  return copy as T;
}
