// Method (b): maximum preference satisfaction under the residency guarantee, solved exactly as a
// min-cost flow (successive shortest paths with potentials) on the bipartite graph officers → Ministries.
//
// Per grade and group: source → officer (1) → Ministry (vacancies) → sink, plus an "unplaced" node U of
// unlimited capacity that only officers without a guarantee may use. Officers are added one at a time in
// residency order; each addition is a shortest augmenting path (Dijkstra, reduced costs ≥ 0) in the residual
// graph compressed onto the Ministries: an edge M → M' "move an officer now in M to M'" costs the cheapest
// such move, kept in one lazy heap per (M, M'). With ≤ 91 nodes a dense Dijkstra is O(91²) per officer, so
// the whole solve is O(n·(V² + moves·log)) — no LP.
//
// Cost of officer a at preference r: −S·w(r) + λa·r, unplaced: λa·(K+1), with λa = n − a (a = 0 for the
// longest residency) and S > Σ λ(K+1); so the total is −S·score + tie, the flow maximises the score and,
// among equal scores, favours better preferences for longer residency. All costs are integers < 2^53.
import type { Prepared, SubProblem } from './prepare.ts';

interface Heap {
  k: number[];
  j: number[];
  s: number[];
}

function heapPush(h: Heap, k: number, j: number, s: number): void {
  let i = h.k.length;
  h.k.push(k);
  h.j.push(j);
  h.s.push(s);
  while (i > 0) {
    const par = (i - 1) >> 1;
    if (h.k[par] < k || (h.k[par] === k && h.j[par] <= j)) break;
    h.k[i] = h.k[par];
    h.j[i] = h.j[par];
    h.s[i] = h.s[par];
    i = par;
  }
  h.k[i] = k;
  h.j[i] = j;
  h.s[i] = s;
}

function heapPop(h: Heap): void {
  const n = h.k.length - 1;
  const k = h.k[n];
  const j = h.j[n];
  const s = h.s[n];
  h.k.pop();
  h.j.pop();
  h.s.pop();
  if (n === 0) return;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && (h.k[c + 1] < h.k[c] || (h.k[c + 1] === h.k[c] && h.j[c + 1] < h.j[c]))) c++;
    if (k < h.k[c] || (k === h.k[c] && j <= h.j[c])) break;
    h.k[i] = h.k[c];
    h.j[i] = h.j[c];
    h.s[i] = h.s[c];
    i = c;
  }
  h.k[i] = k;
  h.j[i] = j;
  h.s[i] = s;
}

/**
 * bound[i]: officers with a number must be placed at that rank or better; null: any rank or unplaced.
 * Returns the Ministry index per officer (−1 unplaced), for all officers of all sub-problems.
 */
export function solveMaxSatisfaction(p: Prepared, bound: readonly (number | null)[]): Int32Array {
  const placement = new Int32Array(p.officers.length).fill(-1);
  for (const s of p.subs) solveSub(p, s, bound, placement);
  return placement;
}

function solveSub(p: Prepared, s: SubProblem, bound: readonly (number | null)[], placement: Int32Array): void {
  const n = s.members.length;
  if (n === 0) return;
  const local = new Int32Array(p.ministries.length).fill(-1);
  const nodes: number[] = [];
  for (let m = 0; m < p.ministries.length; m++) if (s.cap[m] > 0) local[m] = nodes.push(m) - 1;
  const V = nodes.length + 1;
  const U = V - 1;
  const cap = new Int32Array(V);
  for (let v = 0; v < U; v++) cap[v] = s.cap[nodes[v]];
  cap[U] = n;
  const count = new Int32Array(V);
  let kt = p.weights.length;
  for (const i of s.members) kt = Math.max(kt, p.officers[i].prefs.length);
  const maxW = Math.max(0, ...p.weights);
  const S = n * n * (kt + 1) + 1;
  if (!Number.isSafeInteger(S * (maxW + 1) * V * 4)) throw new RangeError('rotation instance too large for exact integer costs');
  // allowed edges per officer (flat)
  const off = new Int32Array(n + 1);
  const eNode: number[] = [];
  const eCost: number[] = [];
  for (let a = 0; a < n; a++) {
    const i = s.members[a];
    const o = p.officers[i];
    const lambda = n - a;
    const b = bound[i];
    const limit = b === null ? o.prefs.length : Math.min(b, o.prefs.length);
    for (let r = 0; r < limit; r++) {
      const v = local[o.prefs[r]];
      if (v < 0) continue;
      const w = r < p.weights.length ? p.weights[r] : 0;
      eNode.push(v);
      eCost.push(-S * w + lambda * (r + 1));
    }
    if (b === null) {
      eNode.push(U);
      eCost.push(lambda * (kt + 1));
    }
    off[a + 1] = eNode.length;
  }
  const where = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n);
  const heaps: Heap[] = Array.from({ length: V * V }, () => ({ k: [], j: [], s: [] }));
  const costAt = (a: number, v: number): number => {
    for (let e = off[a]; e < off[a + 1]; e++) if (eNode[e] === v) return eCost[e];
    throw new Error('internal: officer at a node it may not use');
  };
  const settle = (a: number, v: number): void => {
    where[a] = v;
    stamp[a]++;
    const c0 = costAt(a, v);
    for (let e = off[a]; e < off[a + 1]; e++) {
      const x = eNode[e];
      if (x !== v) heapPush(heaps[v * V + x], eCost[e] - c0, a, stamp[a]);
    }
  };
  const pot = new Float64Array(V);
  const dist = new Float64Array(V);
  const prev = new Int32Array(V);
  const via = new Int32Array(V);
  const done = new Uint8Array(V);
  for (let a = 0; a < n; a++) {
    dist.fill(Number.POSITIVE_INFINITY);
    done.fill(0);
    for (let e = off[a]; e < off[a + 1]; e++) {
      const v = eNode[e];
      const rc = eCost[e] - pot[v];
      if (rc < dist[v]) {
        dist[v] = rc;
        prev[v] = -1;
      }
    }
    for (;;) {
      let u = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let v = 0; v < V; v++) {
        if (!done[v] && dist[v] < best) {
          best = dist[v];
          u = v;
        }
      }
      if (u < 0) break;
      done[u] = 1;
      if (count[u] === 0) continue;
      const base = best + pot[u];
      for (let v = 0; v < V; v++) {
        if (done[v] || v === u) continue;
        const h = heaps[u * V + v];
        while (h.k.length > 0 && (where[h.j[0]] !== u || stamp[h.j[0]] !== h.s[0])) heapPop(h);
        if (h.k.length === 0) continue;
        const nd = base + h.k[0] - pot[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          prev[v] = u;
          via[v] = h.j[0];
        }
      }
    }
    let t = -1;
    let tc = Number.POSITIVE_INFINITY;
    let maxD = 0;
    for (let v = 0; v < V; v++) {
      if (dist[v] === Number.POSITIVE_INFINITY) continue;
      if (dist[v] > maxD) maxD = dist[v];
      if (count[v] < cap[v] && dist[v] + pot[v] < tc) {
        tc = dist[v] + pot[v];
        t = v;
      }
    }
    if (t < 0) throw new Error('internal: no feasible placement under the guarantee');
    count[t]++;
    let v = t;
    while (prev[v] !== -1) {
      const u = prev[v];
      settle(via[v], v);
      v = u;
    }
    settle(a, v);
    for (let x = 0; x < V; x++) pot[x] += dist[x] === Number.POSITIVE_INFINITY ? maxD : dist[x];
  }
  for (let a = 0; a < n; a++) placement[s.members[a]] = where[a] === U ? -1 : nodes[where[a]];
}
