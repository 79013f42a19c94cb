// Admission and the monitors are one rule set, checked both ways on every state
// a bounded walk reaches, for every driver-mode scenario of the bundled library,
// the soundness probes and random scenarios (fast-check):
//
// 1. every call start driver mode admits is accepted by the monitors: no start
//    rule objects, and the state after it breaks no overlap rule;
// 2. every call start the monitors would accept is one driver mode admits: a
//    start refused although its thread has calls left must be one a start rule
//    or an overlap rule objects to, in the state it would lead to.
//
// Two gates are not contract rules and are left out of (2): the OS's TDR thread
// follows its script (which call of the TDR comes next), and a call at DIRQL
// waits for the interrupt lock (it never runs beside the ISR).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type System } from '../../src/engine/system.js';
import { Engine, APPLIED, DISABLED } from '../../src/engine/semantics.js';
import { FastBackend } from '../../src/engine/backend-fast.js';
import { DIRQL } from '../../src/model/kernel/irql.js';
import type { Machine } from '../../src/model/kernel/core.js';
import type { AnyModel, CallSpec } from '../../src/index.js';
import { driver } from './_models.js';
import { root } from '../models/manifest.js';

/** A machine over a plain vector, for the OS's bookkeeping on a would-be state. */
const over = (v: Int32Array): Machine => ({ get: (s) => v[s], set: (s, x) => { v[s] = x; } } as Machine);

interface Tally { states: number; admitted: number; refused: number }

/** Walks up to `limit` states breadth-first and checks both directions on each; returns what it saw. */
function agree(sys: System, limit: number): Tally {
  const env = sys.env!;
  const engine = new Engine(sys, new FastBackend(sys), false);
  const seen = new Set<string>();
  const queue: Int32Array[] = [engine.initial().slice()];
  seen.add(queue[0].join(','));
  const cands: number[] = [];
  const tally: Tally = { states: 0, admitted: 0, refused: 0 };
  while (queue.length > 0 && tally.states < limit) {
    const vec = queue.shift()!;
    tally.states++;
    engine.candidates(vec, cands);
    for (const id of [...cands]) {
      const a = sys.actions[id];
      const out = engine.apply(vec, vec, id);
      if (typeof out === 'object') continue; // a step's own violation: not about admission
      const next = out === APPLIED ? engine.backend.commit().slice() : null;
      if (a.kind === 'call' && a.ctx !== sys.tdrContext) {
        const kind = a.call!;
        const ctx = sys.contexts[a.ctx];
        const left = ctx.leftSlot.get(kind);
        const budget = left !== undefined ? vec[left] > 0 : vec[ctx.madeSlot] < sys.callsPerThread;
        if (next) {
          tally.admitted++;
          expect(env.entryCheck(vec, a.ctx, kind, true), `${sys.model.name}: ${a.name} admitted`).toBeNull();
          expect(env.monitor(next), `${sys.model.name}: ${a.name} admitted into a state the monitors reject`).toBeNull();
        } else if (budget && !(a.irql === DIRQL && engine.interruptLockHolder(vec) >= 0)) {
          tally.refused++;
          const would = vec.slice();
          would[sys.slots.call[a.ctx]] = kind + 1;
          env.onEnter(over(would), vec, kind, true);
          const objection = env.entryCheck(vec, a.ctx, kind, true) ?? env.monitor(would);
          expect(objection, `${sys.model.name}: ${a.name} refused, yet no rule objects to it`).not.toBeNull();
        }
      }
      if (next && out !== DISABLED) {
        const key = next.join(',');
        if (!seen.has(key)) { seen.add(key); queue.push(next); }
      }
    }
  }
  return tally;
}

/** Every model file under a folder of the repository (not shared `_` files). */
async function load(dir: string): Promise<AnyModel[]> {
  const out: AnyModel[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.ts') && !e.name.startsWith('_') && !e.name.endsWith('.test.ts')) {
        const m = (await import(pathToFileURL(p).href)) as { default?: AnyModel };
        if (m.default?.scenarios) out.push(m.default);
      }
    }
  };
  await walk(dir);
  return out;
}

describe('admission and the monitors agree on every reached state', () => {
  it('for every driver-mode scenario of the bundled library and of the soundness probes', async () => {
    const models = [...await load(join(root, 'models')), ...await load(join(root, 'test', 'probes'))];
    let checked = 0;
    const total: Tally = { states: 0, admitted: 0, refused: 0 };
    for (const m of models) {
      for (const sc of Object.keys(m.scenarios)) {
        const sys = compile(m, sc);
        if (sys.mode !== 'driver' || !sys.env) continue;
        const t = agree(sys, 1500);
        total.states += t.states; total.admitted += t.admitted; total.refused += t.refused;
        checked++;
      }
    }
    // The walk must have had something to judge, both ways.
    expect(checked).toBeGreaterThan(60);
    expect(total.admitted).toBeGreaterThan(1000);
    expect(total.refused).toBeGreaterThan(100);
  });

  const POOL: readonly CallSpec[] = [
    'DxgkDdiPresent', 'DxgkDdiQueryAdapterInfo', 'DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape', 'DxgkDdiSetTargetGamma',
    'DxgkDdiSubmitCommand', 'DxgkDdiPreemptCommand', 'DxgkDdiCollectDbgInfo', { ddi: 'DxgkDdiCollectDbgInfo', flags: { TimeoutReason: true } },
    { ddi: 'DxgkDdiQueryChildStatus', child: 0 }, { ddi: 'DxgkDdiQueryChildStatus', child: 1 }, 'DxgkDdiCommitVidPn',
    'DxgkDdiSetVidPnSourceAddress', 'DxgkDdiSetPowerState', 'DxgkDdiQueryChildRelations', { ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 },
    'DxgkDdiResetDevice', 'DxgkDdiBuildPagingBuffer', 'DxgkDdiReleaseSwizzlingRange',
  ];
  it('for random scenarios, with and without a GPU that hangs', () => {
    fc.assert(fc.property(
      fc.subarray([...POOL], { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean(), fc.boolean(),
      (calls, processes, tdr, strict, isr) => {
        const m = driver('random-admission', { processes, calls, tdrs: tdr ? 1 : 0, interrupts: isr ? 1 : 0, pointerIndependent: !strict }, {
          adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
          ddis: { DxgkDdiSubmitCommand: { steps: { submit: (_s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
          ...(isr ? { isr: { steps: { ack: (_s, k) => { if (k.hw.ackInterrupt()) k.hw.takeCompleted('dma'); return 'return'; } } } } : {}),
        });
        agree(compile(m), 800);
      },
    ), { numRuns: 60, seed: 10 });
  });
});
