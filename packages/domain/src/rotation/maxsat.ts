// Method (b): maximum preference satisfaction under the residency guarantee, solved exactly as a
// min-cost flow (successive shortest paths with potentials) on the bipartite graph officers → Ministries.
//
// Per grade and group: source → officer (1) → Ministry (vacancies) → sink, plus an "unplaced" node U of
// unlimited capacity that only officers without a guarantee may use. Officers are added one at a time in
// residency order; each addition is a shortest augmenting path (Dijkstra, reduced costs ≥ 0) in the residual
// graph compressed onto the Ministries: an edge M → M' "move an officer now in M to M'" costs the cheapest
// such move, kept in a V×V table (a row is recomputed from the officers in M when one of them leaves). With
// ≤ 91 nodes a dense Dijkstra (stopping at the sink) is O(V²) per officer, so the whole solve is
// O(n·(V² + path·|M|·k)) — no LP.
//
// Cost of officer a at preference r: −S·w(r) + λa·r, unplaced: λa·(K+1), with λa = n − a (a = 0 for the
// longest residency) and S > Σ λ(K+1); so the total is −S·score + tie, the flow maximises the score and,
// among equal scores, favours better preferences for longer residency. All costs are integers < 2^53.
import type { Prepared, SubProblem } from './prepare.ts';

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
  const here = new Float64Array(n); // cost of the officer at its present node
  // members per node: flat slots, node v owns [start[v], start[v] + cap[v])
  const start = new Int32Array(V + 1);
  for (let v = 0; v < V; v++) start[v + 1] = start[v] + cap[v];
  const slots = new Int32Array(start[V]);
  const slotOf = new Int32Array(n);
  // best move table: bestK[u*V+v] = min over officers j in u of cost(j, v) − cost(j, u); bestJ the officer
  const bestK = new Float64Array(V * V).fill(Number.POSITIVE_INFINITY);
  const bestJ = new Int32Array(V * V).fill(-1);
  const costAt = (a: number, v: number): number => {
    for (let e = off[a]; e < off[a + 1]; e++) if (eNode[e] === v) return eCost[e];
    throw new Error('internal: officer at a node it may not use');
  };
  const offer = (a: number, u: number): void => {
    const c0 = here[a];
    const row = u * V;
    for (let e = off[a]; e < off[a + 1]; e++) {
      const x = eNode[e];
      if (x === u) continue;
      const k = eCost[e] - c0;
      const b = bestK[row + x];
      if (k < b || (k === b && a < bestJ[row + x])) {
        bestK[row + x] = k;
        bestJ[row + x] = a;
      }
    }
  };
  const enter = (a: number, v: number): void => {
    where[a] = v;
    here[a] = costAt(a, v);
    const sl = start[v] + count[v];
    slots[sl] = a;
    slotOf[a] = sl;
    count[v]++;
    offer(a, v);
  };
  const leave = (a: number): void => {
    const u = where[a];
    const last = start[u] + count[u] - 1;
    const moved = slots[last];
    slots[slotOf[a]] = moved;
    slotOf[moved] = slotOf[a];
    count[u]--;
    where[a] = -1;
  };
  const rebuildRow = (u: number): void => {
    bestK.fill(Number.POSITIVE_INFINITY, u * V, u * V + V);
    bestJ.fill(-1, u * V, u * V + V);
    for (let sl = start[u]; sl < start[u] + count[u]; sl++) offer(slots[sl], u);
  };
  // node T = V is the sink: an edge v → T while v has a free vacancy
  const T = V;
  const pot = new Float64Array(V + 1);
  const dist = new Float64Array(V + 1);
  const prev = new Int32Array(V + 1);
  const dirty = new Uint8Array(V);
  const path: number[] = [];
  // nodes not yet settled by the current Dijkstra, as a list (swap-remove on settle)
  const open = new Int32Array(V + 1);
  for (let a = 0; a < n; a++) {
    dist.fill(Number.POSITIVE_INFINITY);
    for (let v = 0; v <= V; v++) open[v] = v;
    let nOpen = V + 1;
    for (let e = off[a]; e < off[a + 1]; e++) {
      const v = eNode[e];
      const rc = eCost[e] - pot[v];
      if (rc < dist[v]) {
        dist[v] = rc;
        prev[v] = -1;
      }
    }
    for (;;) {
      let at = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let q = 0; q < nOpen; q++) {
        const d = dist[open[q]];
        if (d < best || (d === best && at >= 0 && open[q] < open[at])) {
          best = d;
          at = q;
        }
      }
      if (at < 0) break;
      const u = open[at];
      if (u === T) break;
      open[at] = open[--nOpen];
      const base = best + pot[u];
      if (count[u] < cap[u] && base - pot[T] < dist[T]) {
        dist[T] = base - pot[T];
        prev[T] = u;
        // reduced costs are ≥ 0, so nothing still open can reach the sink for less: done
        if (dist[T] <= best) break;
      }
      if (count[u] === 0) continue;
      // a row whose officers changed is recomputed only when a search needs it (most searches stop early)
      if (dirty[u]) {
        dirty[u] = 0;
        rebuildRow(u);
      }
      const row = u * V;
      for (let q = 0; q < nOpen; q++) {
        const v = open[q];
        if (v === T) continue;
        const nd = base + bestK[row + v] - pot[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          prev[v] = u;
        }
      }
    }
    const dT = dist[T];
    if (dT === Number.POSITIVE_INFINITY) throw new Error('internal: no feasible placement under the guarantee');
    // the path, sink first: T ← t ← … ← first node; officer bestJ[u→v] moves from u to v
    path.length = 0;
    for (let v = prev[T]; v !== -1; v = prev[v]) path.push(v);
    const movers: number[] = [];
    for (let q = 0; q + 1 < path.length; q++) movers.push(bestJ[path[q + 1] * V + path[q]]);
    for (let q = 0; q < movers.length; q++) {
      const j = movers[q];
      dirty[where[j]] = 1;
      leave(j);
    }
    for (let q = 0; q < movers.length; q++) enter(movers[q], path[q]);
    enter(a, path[path.length - 1]);
    for (let x = 0; x <= V; x++) pot[x] += Math.min(dist[x], dT);
  }
  for (let a = 0; a < n; a++) placement[s.members[a]] = where[a] === U ? -1 : nodes[where[a]];
}
