/**
 * Exhaustive search of the state graph. One transition is one atomic action of
 * one context. The loop knows no policy: the frontier (search order) and the
 * store (visited set) come from tables, and budgets only stop it. It finds the
 * first violation (a failing step, an invariant, a deadlock or a data race),
 * records parent links compactly, and rebuilds the counterexample as the list of
 * choices from the initial state.
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED, DISABLED } from '../engine/semantics.js';
import { Property, Violation } from '../model/violation.js';
import { InputError } from '../errors.js';
import { fingerprint, collisionProbability } from './hash.js';
import { frontiers, type SearchOrder } from './frontier.js';
import { stores, type StoreKind } from './store.js';
import { checkInvariants } from './invariants.js';
import { RaceDetector, type Race } from './races.js';

export interface Budget {
  /** Stop (inconclusive) after this many distinct states. */
  readonly maxStates?: number;
  /** Do not expand states deeper than this (inconclusive if any were cut). */
  readonly maxDepth?: number;
  /** Stop (inconclusive) after this many seconds. */
  readonly seconds?: number;
}

export interface ExploreOptions extends Budget {
  readonly order?: SearchOrder;
  readonly store?: StoreKind;
  /** Re-run each transition this many times at the start to catch nondeterministic steps. */
  readonly determinismChecks?: number;
  /** Called about once a second with progress. */
  readonly progress?: (p: Progress) => void;
  /** Polled: when it returns true the search stops as inconclusive (Ctrl-C). */
  readonly interrupted?: () => boolean;
}

export interface Progress { readonly states: number; readonly transitions: number; readonly depth: number; readonly queued: number; readonly seconds: number }

export interface Stats {
  distinctStates: number;
  transitions: number;
  maxDepth: number;
  seconds: number;
  statesPerSecond: number;
  transitionsPerSecond: number;
  /** Bytes held by the visited set and parent links, per distinct state. */
  bytesPerState: number;
  collisions: number;
  /** Probability that a fingerprint collision hid a state (0 with an exact store). */
  collisionProbability: number;
}

export interface Found {
  readonly property: string;
  readonly message: string;
  /** Action ids from the initial state; for a step violation the last one is the failing step. */
  readonly choices: readonly number[];
  /** 'step': the last choice failed; 'state': the state after the choices violates; 'deadlock'/'race': in that state. */
  readonly kind: 'step' | 'state' | 'deadlock' | 'race';
  readonly race?: Race;
}

export type ExploreResult =
  | { readonly verdict: 'holds'; readonly stats: Stats }
  | { readonly verdict: 'violated'; readonly stats: Stats; readonly found: Found }
  | { readonly verdict: 'inconclusive'; readonly stats: Stats; readonly reason: string };

/** Growable parent links: for each state id, its parent id and the action that led to it. */
class Parents {
  parent = new Int32Array(1 << 12);
  action = new Int32Array(1 << 12);
  set(id: number, parent: number, action: number): void {
    if (id >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2); p.set(this.parent); this.parent = p;
      const a = new Int32Array(this.action.length * 2); a.set(this.action); this.action = a;
    }
    this.parent[id] = parent; this.action[id] = action;
  }
  path(id: number): number[] {
    const out: number[] = [];
    while (id > 0) { out.push(this.action[id]); id = this.parent[id]; }
    return out.reverse();
  }
  bytes(n: number): number { return n * 8; }
}

export function explore<S>(engine: Engine<S>, opts: ExploreOptions = {}): ExploreResult {
  const sys = engine.sys;
  const b = engine.backend;
  const width = sys.layout.width;
  const store = stores[opts.store ?? 'fingerprint'](width);
  const frontier = frontiers[opts.order ?? 'bfs'](width);
  const parents = new Parents();
  const races = engine.trackRaces ? new RaceDetector(sys) : null;
  const fp = new Uint32Array(2);
  const cur = new Int32Array(width);
  const cands: number[] = [];
  const maxStates = opts.maxStates ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
  let detChecks = opts.determinismChecks ?? 2000;
  const t0 = performance.now();
  let transitions = 0;
  let deepest = 0;
  let cut = false;
  let lastProgress = t0;

  const stats = (): Stats => {
    const seconds = (performance.now() - t0) / 1000;
    const n = store.size;
    return {
      distinctStates: n, transitions, maxDepth: deepest, seconds,
      statesPerSecond: seconds > 0 ? n / seconds : 0, transitionsPerSecond: seconds > 0 ? transitions / seconds : 0,
      bytesPerState: n > 0 ? (store.bytes() + parents.bytes(n)) / n : 0,
      collisions: store.collisions, collisionProbability: store.exact ? 0 : collisionProbability(n),
    };
  };
  const violated = (found: Found): ExploreResult => ({ verdict: 'violated', stats: stats(), found });

  // The initial state.
  const init = b.initial();
  const initVec = b.vector(init).slice();
  fingerprint(initVec, fp);
  store.add(initVec, fp);
  parents.set(0, -1, -1);
  const bad0 = checkInvariants(sys, b, init);
  if (bad0) return violated({ ...bad0, choices: [], kind: 'state' });
  frontier.push(initVec, 0, 0);

  let expanded = 0;
  while (frontier.pop(cur)) {
    const id = frontier.id;
    const depth = frontier.depth;
    if ((++expanded & 1023) === 0) {
      const now = performance.now();
      if (Date.now() > deadline) return { verdict: 'inconclusive', stats: stats(), reason: `time budget of ${opts.seconds} s ran out` };
      if (opts.interrupted?.()) return { verdict: 'inconclusive', stats: stats(), reason: 'interrupted' };
      if (opts.progress && now - lastProgress > 1000) {
        lastProgress = now;
        opts.progress({ states: store.size, transitions, depth: deepest, queued: frontier.length, seconds: (now - t0) / 1000 });
      }
    }
    if (depth >= maxDepth) { cut = true; continue; }
    const state = b.decode(cur);
    engine.candidates(cur, cands);
    races?.begin();
    let enabled = 0;
    for (let c = 0; c < cands.length; c++) {
      const a = cands[c];
      const out = engine.apply(state, cur, a);
      if (out === DISABLED) continue;
      enabled++;
      transitions++;
      if (out !== APPLIED) {
        const v = out as Violation;
        return violated({ property: v.property, message: v.message, choices: [...parents.path(id), a], kind: 'step' });
      }
      races?.record(a, b.tracker);
      const next = b.commit();
      const vec = b.vector(next);
      if (detChecks > 0) { detChecks--; checkDeterministic(engine, state, cur, a, vec); }
      fingerprint(vec, fp);
      if (!store.add(vec, fp)) continue;
      const nid = store.size - 1;
      parents.set(nid, id, a);
      if (depth + 1 > deepest) deepest = depth + 1;
      const bad = checkInvariants(sys, b, next);
      if (bad) return violated({ ...bad, choices: parents.path(nid), kind: 'state' });
      if (store.size >= maxStates) return { verdict: 'inconclusive', stats: stats(), reason: `state budget of ${maxStates} distinct states ran out` };
      frontier.push(b.vector(next), nid, depth + 1);
    }
    const race = races?.conflict();
    if (race) return violated({ property: Property.race, message: race.message, choices: parents.path(id), kind: 'race', race });
    if (enabled === 0 && engine.busy(cur)) {
      return violated({ property: Property.deadlock, message: deadlockMessage(engine, cur), choices: parents.path(id), kind: 'deadlock' });
    }
  }
  if (cut) return { verdict: 'inconclusive', stats: stats(), reason: `depth budget of ${maxDepth} steps cut the search` };
  return { verdict: 'holds', stats: stats() };
}

function checkDeterministic<S>(engine: Engine<S>, state: S, cur: Int32Array, a: number, first: Int32Array): void {
  const keep = first.slice();
  const again = engine.apply(state, cur, a);
  const vec = again === APPLIED ? engine.backend.vector(engine.backend.commit()) : null;
  let same = vec !== null;
  if (vec) for (let i = 0; i < keep.length; i++) if (vec[i] !== keep[i]) { same = false; break; }
  if (!same) {
    const act = engine.sys.actions[a];
    throw new InputError(`model ${engine.sys.model.name}: step ${act.name}`, 'is not deterministic: from the same state it produced a different result the second time',
      'a step may depend only on s and k; it must not read Math.random(), Date, or variables outside the model state');
  }
  // Leave the backend holding the first result again.
  engine.apply(state, cur, a);
}

function deadlockMessage<S>(engine: Engine<S>, vec: Int32Array): string {
  const sys = engine.sys;
  const stuck = sys.contexts
    .filter((c, i) => vec[sys.slots.pc[i]] > 1)
    .map((c) => `${c.info.name} at ${c.pcProc[vec[sys.slots.pc[c.info.id]]]!.name}/${c.pcLabel[vec[sys.slots.pc[c.info.id]]]}`);
  return `no context can move, yet ${stuck.join(', ')} ${stuck.length === 1 ? 'has' : 'have'} not finished`;
}
