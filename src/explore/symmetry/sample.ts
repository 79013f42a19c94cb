/**
 * The check that makes symmetry reduction sound for a given model: the group
 * read off the scenario is a symmetry of the state graph only if every step
 * treats interchangeable contexts alike. A model that indexes plain state by
 * `k.process`, or compares `k.thread` with a constant, breaks it. Before the
 * search, on a sample of reachable states (the first ones of a breadth-first
 * search) and for every generator g of the group, this checks that the initial
 * state is fixed by g, that each action a from s and its image g(a) from g·s
 * agree (both disabled, both failing the same property, or g·(a(s)) equal to
 * g(a)(g·s) slot for slot), and that the state monitors (invariants, contract
 * monitors) judge s and g·s alike. The first mismatch names the step and the
 * slot, and the explorer searches without the reduction.
 */
import type { Action } from '../../engine/system.js';
import type { Expander } from '../expand.js';
import type { Canonicalizer } from './canonicalizer.js';
import { generators, type GroupElement } from './elements.js';

/** Why the reduction was refused. */
export interface SymmetryRefusal { readonly message: string }

/** States sampled by default. */
export const SYMMETRY_SAMPLE = 300;

const actionKey = (a: Action): string => `${a.kind}|${a.name}|${a.proc ?? ''}|${a.call ?? ''}|${a.irql ?? ''}|${a.message ?? ''}|${a.spurious ? 1 : 0}`;

/** What an exception says, for a refusal. */
const thrown = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Null when the model passed on the sample; else what broke the symmetry. */
export function checkSymmetric<S>(x: Expander<S>, c: Canonicalizer, sample = SYMMETRY_SAMPLE): SymmetryRefusal | null {
  const engine = x.engine;
  const sys = engine.sys;
  const b = engine.backend;
  const slots = sys.layout.slots;
  const gens = generators(c.group);
  const byKey = new Map<string, number>();
  for (const a of sys.actions) byKey.set(`${a.ctx}|${actionKey(a)}`, a.id);
  const ctxName = (i: number): string => sys.contexts[i].info.name;
  const image = (e: GroupElement, a: Action): number => (a.ctx < 0 ? a.id : byKey.get(`${e.ctxMap[a.ctx]}|${actionKey(a)}`) ?? -1);
  const refuse = (why: string): SymmetryRefusal => ({ message: `symmetry refused (${c.group.description}): ${why}; searched without it` });
  const firstDiff = (u: Int32Array, v: Int32Array): number => { for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return i; return -1; };
  const gs = new Int32Array(sys.layout.width);
  const ga = new Int32Array(sys.layout.width);

  const init = b.vector(b.keep(engine.initial())).slice();
  for (const e of gens) {
    c.canon.applyElement(init, e, gs);
    const d = firstDiff(init, gs);
    if (d >= 0) return refuse(`the initial state is not the same after ${e.name}: slot ${slots[d].path} differs (give interchangeable processes and threads equal initial state, or declare per-process state with t.perProcess)`);
  }
  const seen = new Set<string>([init.join(',')]);
  const queue: Int32Array[] = [init];
  for (let head = 0; head < queue.length && head < sample; head++) {
    const s = queue[head];
    const stepName = (a: Action): string => (a.ctx >= 0 ? `${ctxName(a.ctx)} ${a.name}` : a.name);
    for (const e of gens) {
      c.canon.applyElement(s, e, gs);
      const g = gs.slice();
      const f1 = x.check(b.decode(s), s);
      // g·s need not be reachable when the model is not symmetric: what throws there refuses the reduction, never the model.
      let f2: ReturnType<typeof x.check>;
      try { f2 = x.check(b.decode(g), g); } catch (err) { return refuse(`a state monitor throws on the image of a state after ${e.name} (${thrown(err)})`); }
      if ((f1 === null) !== (f2 === null) || (f1 && f2 && f1.property !== f2.property)) {
        return refuse(`a state monitor judges a state and its image after ${e.name} differently (${f1 ? `${f1.property} on the first` : `${f2!.property} on the image`}): invariants and monitors must treat interchangeable processes and threads alike`);
      }
      for (const a of engine.candidates(s, [])) {
        const act = sys.actions[a];
        const a2 = image(e, act);
        if (a2 < 0) return refuse(`the step ${stepName(act)} has no counterpart after ${e.name}`);
        const r1 = x.successor(b.decode(s), s, a);
        const one = r1 instanceof Int32Array ? r1.slice() : r1;
        let r2: ReturnType<typeof x.successor>;
        try { r2 = x.successor(b.decode(g), g, a2); } catch (err) { return refuse(`${stepName(sys.actions[a2])} throws where ${stepName(act)} runs, under ${e.name} (${thrown(err)})`); }
        const two = r2 instanceof Int32Array ? r2.slice() : r2;
        const mirror = `${stepName(sys.actions[a2])} does not mirror ${stepName(act)} under ${e.name}`;
        if (one === null || two === null) {
          if (one !== two) return refuse(`${mirror}: one can run and the other cannot (a guard that reads k.process, k.thread or k.index, or plain state indexed by them?)`);
          continue;
        }
        if (!(one instanceof Int32Array) || !(two instanceof Int32Array)) {
          const p1 = one instanceof Int32Array ? null : one.property;
          const p2 = two instanceof Int32Array ? null : two.property;
          if (p1 !== p2) return refuse(`${mirror}: ${p1 ? `the first fails ${p1}` : 'the first runs'} and ${p2 ? `the other fails ${p2}` : 'the other runs'}`);
          continue;
        }
        c.canon.applyElement(one, e, ga);
        const d = firstDiff(ga, two);
        if (d >= 0) return refuse(`${mirror}: afterwards slot ${slots[d].path} differs (plain state indexed by k.process, k.thread or k.index? declare it with t.perProcess, and context references with t.context)`);
        const key = one.join(',');
        if (!seen.has(key)) { seen.add(key); queue.push(one); }
      }
    }
  }
  return null;
}
