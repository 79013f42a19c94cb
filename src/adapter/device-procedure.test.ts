// A queue's device procedure: the DEVICE_<queue> context takes an entry, serves
// it in steps of its own (reading the driver's state, so a host reading a
// buffer the driver is rewriting is a data race), completes it onto the used
// ring and raises its interrupt; the built-in consume move is off for that
// queue. State counts derived by hand; both backends throughout.
import { describe, expect, it } from 'vitest';
import { defineModel, t, type AnyModel, type ModelDef, type QueueConfig } from '../index.js';
import { checkBoth, stepNames } from '../../test/support/check-both.js';

const model = (def: Omit<ModelDef, 'name'>): AnyModel => defineModel({ name: 'device-procedure', ...def } as ModelDef);
type Device = NonNullable<QueueConfig['device']>;

/** The host reads the entry into g.seen, then completes it and raises. */
const host: Device = {
  steps: {
    read: (s: { g: { seen: number } }, k) => { s.g.seen = k.hw.entry; return 'finish'; },
    finish: (_s, k) => { k.hw.complete(); k.hw.raise(); return 'return'; },
  },
} as Device;

describe('device procedure', () => {
  it('takes, serves and completes an entry: 5 states, 4 transitions', () => {
    // S0 worker at go; S1 submitted (entry pending); S2 taken (device at read,
    // entry 1 in service); S3 read (seen 1, device at finish); S4 completed
    // (used ring [1], line asserted, device idle). One way through: 4 moves.
    const m = model({
      global: { seen: t.int(0, 1) },
      adapter: { queues: { q: { depth: 1, tokens: 1, device: host } } },
      threads: { w: { steps: { go: (_s, k) => { k.hw.submit('q', 1); return 'return'; } } } },
      invariants: {
        'completed what it read': (s) => s.adapter!.queues.q.completed.length === 0 || s.g.seen === 1,
        'in service while it serves': (s) => (s.adapter!.queues.q.inService === 1) === (s.contexts[1].at === 'read' || s.contexts[1].at === 'finish'),
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([5, 4, 4]);
  });

  it('runs in its own context, named in traces, instead of the built-in consume move', () => {
    const m = model({
      global: { seen: t.int(0, 1) },
      adapter: { queues: { q: { depth: 1, tokens: 1, device: host } } },
      threads: { w: { steps: { go: (_s, k) => { k.hw.submit('q', 1); return 'return'; } } } },
      invariants: { 'never read': (s) => s.g.seen === 0 || 'the host read the entry' },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'never read']);
    expect(stepNames(r)).toEqual(['w0 w/go', 'DEVICE_q device takes q', 'DEVICE_q device q/read']);
  });

  it('a host reading a buffer the driver rewrites before the completion is a data race', () => {
    // viogpudo's UpdateCursor writes the cursor image, then TRANSFER_TO_HOST_2D
    // has the host read it; a second shape written before that transfer
    // completed races the host's read.
    const rewrite = (waits: boolean) => model({
      global: { image: t.int(0, 2) },
      adapter: {
        queues: {
          ctrl: {
            depth: 1, tokens: 1,
            device: { steps: { read: (s: { g: { image: number } }) => { void s.g.image; return 'finish'; }, finish: (_s, k) => { k.hw.complete(); return 'return'; } } } as Device,
          },
        },
      },
      threads: {
        w: {
          steps: {
            first: (s, k) => { s.g.image = 1; k.hw.submit('ctrl', 1); return waits ? 'wait' : 'second'; },
            // The fixed driver waits for the transfer's response before it touches the image again.
            wait: (_s, k) => { k.await(k.hw.takeCompleted('ctrl') !== 0); return 'second'; },
            second: (s) => { s.g.image = 2; return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const bad = checkBoth(rewrite(false));
    expect([bad.verdict, bad.property]).toEqual(['violated', 'data-race']);
    expect(bad.message).toBe('w0 (w/second) writes g.image while DEVICE_ctrl (device ctrl/read) reads it: both steps are enabled in the same state and nothing orders them');
    // Fixed: S0; submitted; taken; read; completed; the worker took the completion; rewrote = 7 states.
    const good = checkBoth(rewrite(true));
    expect(good.verdict, good.message).toBe('holds');
    expect([good.stats.distinctStates, good.stats.transitions]).toEqual([7, 6]);
  });

  it('completing onto a full used ring waits: nobody takes completions, so the host is stuck (deadlock)', () => {
    const m = model({
      global: { seen: t.int(0, 1) },
      adapter: { queues: { q: { depth: 1, tokens: 1, device: host } } },
      threads: { w: { steps: { a: (_s, k) => { k.await(k.hw.submit('q', 1)); return 'b'; }, b: (_s, k) => { k.await(k.hw.submit('q', 1)); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'deadlock']);
    expect(r.message).toBe('no context can move, yet DEVICE_q at device q/finish has not finished');
  });

  it('k.hw.entry, complete and raise belong to a device procedure', () => {
    const m = model({
      adapter: { queues: { q: { depth: 1, tokens: 1 } } },
      threads: { w: { steps: { go: (_s, k) => { k.hw.complete(); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'assertion', 'w0 completes an entry: only a queue\'s device procedure does (adapter: { queues: { q: { device: { steps } } } })']);
  });

  it('k.hw.reset() empties the queues and the device abandons the entry it serves: 7 states, 8 transitions', () => {
    // The worker submits, then resets. The device may take the entry before the
    // reset (and be at read when it comes) or not. States: S0; S1 submitted;
    // S2 taken (device at read); S3 reset from S1 (empty, worker done); the reset
    // from S2 gives S3 too (the device is back to idle, nothing in service);
    // S2 -read-> S5 (device at finish, seen 1) -reset-> S6; S5 -finish-> S7
    // (completed, worker at reset) -reset-> S6. 7 states; moves 1+2+2+2+1 = 8.
    const m = model({
      global: { seen: t.int(0, 1) },
      adapter: { queues: { q: { depth: 1, tokens: 1, device: host } } },
      threads: { w: { steps: { go: (_s, k) => { k.hw.submit('q', 1); return 'reset'; }, reset: (_s, k) => { k.hw.reset(); return 'return'; } } } },
      invariants: {
        'nothing left after the reset': (s) => s.contexts[0].at !== 'done'
          || (s.adapter!.queues.q.pending.length === 0 && s.adapter!.queues.q.completed.length === 0 && s.contexts[1].at === null),
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([7, 8]);
  });
});

describe('device procedure on an any-order queue (a paravirtual host)', () => {
  it('takes any pending entry: both orders, 10 states, 9 transitions', () => {
    // S0; S1 both submitted [1, 2]; the host takes 1 (S2) or 2 (S3); serves it
    // (S4 / S5: first = 1 / 2); takes the other (S6 / S7), serves it (S8: used
    // ring [1, 2] / S9: [2, 1]). 10 states; moves 1+2+1+1+1+1+1+1 = 9.
    const m = model({
      global: { first: t.int(0, 2) },
      adapter: { queues: { q: { depth: 2, tokens: 2, order: 'any', device: { steps: { serve: (s: { g: { first: number } }, k) => { if (s.g.first === 0) s.g.first = k.hw.entry; k.hw.complete(); return 'return'; } } } as Device } } },
      threads: { w: { steps: { go: (_s, k) => { k.hw.submit('q', 1); k.hw.submit('q', 2); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([10, 9, 5]);
    const second = checkBoth({ ...m, invariants: { 'in order': (s) => s.g.first !== 2 || 'the host served 2 first' } });
    expect(stepNames(second)).toEqual(['w0 w/go', 'DEVICE_q device takes q[1]', 'DEVICE_q device q/serve']);
  });
});

describe('device procedure and TDR', () => {
  // Two entries: the host may be in the middle of the first when the GPU hangs on
  // the second; the reset empties the queues and the host drops the entry it had.
  const m = model({
    global: { seen: t.int(0, 1) },
    adapter: { queues: { q: { depth: 2, tokens: 1, device: host } } },
    threads: { w: { steps: { a: (_s, k) => { k.hw.submit('q', 1); return 'b'; }, b: (_s, k) => { k.hw.submit('q', 1); return 'return'; } } } },
    invariants: {
      'serving means an entry': (s) => {
        const dev = s.contexts.find((c) => c.name === 'DEVICE_q')!;
        return dev.at === null || s.adapter!.queues.q.inService === 1 || dev.at === 'finish' || `the host is at ${dev.at} with no entry in service`;
      },
    },
    scenarios: { default: { workers: { w: 1 }, tdrs: 1 } },
  });

  it('a reset never leaves the host serving a dropped entry (both backends agree on every figure)', () => {
    const r = checkBoth(m);
    expect(r.verdict, r.message).toBe('holds');
  });

  it('the GPU hangs while the host is mid-entry, and after the reset the host is idle', () => {
    const probe = (s: Parameters<NonNullable<ModelDef['invariants']>[string]>[0]) => {
      const dev = s.contexts.find((c) => c.name === 'DEVICE_q')!;
      const tdr = s.contexts.find((c) => c.name === 'TDR')!;
      return !(tdr.call === 'DxgkDdiRestartFromTimeout' && dev.at === null && s.g.seen === 1 && s.adapter!.queues.q.completed.length === 0);
    };
    const hungMidEntry = (s: Parameters<typeof probe>[0]) => !(s.adapter!.hung && s.contexts.find((c) => c.name === 'DEVICE_q')!.at === 'finish');
    for (const inv of [probe, hungMidEntry]) {
      const r = checkBoth({ ...m, invariants: { ...m.invariants, probe: inv } });
      expect([r.verdict, r.property]).toEqual(['violated', 'probe']);
    }
  });
});
