/**
 * Invariants see the kernel and the adapter through a read-only view: DPCs
 * queued or running, timers armed, events signaled, lock owners by name,
 * interrupts taken, power state and queue contents. Every test collects what
 * the view showed over all reachable states on both backends (they must agree),
 * and writing through any part of the view is a model error.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, event, mutex, spinLock, t, type AnyModel, type SystemView } from '../index.js';
import { checkBoth, stepNames } from '../../test/support/check-both.js';

/** Runs `model` on both backends with an invariant recording `probe` in every state; returns the sorted set. */
function observe(model: AnyModel, probe: (s: SystemView) => unknown): string[] {
  const seen = { fast: new Set<string>(), immer: new Set<string>() };
  for (const backend of ['fast', 'immer'] as const) {
    const r = check({ ...model, invariants: { probe: (s: SystemView) => { seen[backend].add(JSON.stringify(probe(s))); return true; } } }, { backend });
    expect(r.verdict).toBe('holds');
  }
  expect([...seen.immer].sort()).toEqual([...seen.fast].sort());
  return [...seen.fast].sort();
}

describe('the kernel view', () => {
  it('a DPC is queued after KeInsertQueueDpc and running while its routine is between steps', () => {
    const m = defineModel({
      name: 'view-dpc',
      threads: { w: { steps: { q: (_s, k) => { k.queueDpc('d'); return 'return'; } } } },
      dpcs: { d: { steps: { a: () => 'b', b: () => 'return' } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    // Before the queue; queued; running at a, at b; finished.
    expect(observe(m, (s) => s.kernel.dpcs.d)).toEqual([
      '{"queued":false,"running":false}', '{"queued":false,"running":true}', '{"queued":true,"running":false}',
    ]);
    const r = checkBoth({ ...m, invariants: { 'not running': (s) => !s.kernel.dpcs.d.running || 'the DPC runs' } });
    expect(stepNames(r)).toEqual(['w0 w/q', 'DPC_d run DPC d']);
  });

  it('a timer is armed from init until it is cancelled; a one-shot timer disarms when it expires', () => {
    const m = defineModel({
      name: 'view-timer',
      init: (_s, k) => { k.setTimer('tick'); },
      threads: { w: { steps: { c: (_s, k) => { k.cancelTimer('tick'); return 'return'; } } } },
      timers: { tick: { dpc: 'd' } },
      dpcs: { d: { steps: { a: () => 'return' } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(observe(m, (s) => s.kernel.timers.tick)).toEqual(['{"armed":false,"periodic":false}', '{"armed":true,"periodic":false}']);
    const r = checkBoth({ ...m, invariants: { armed: (s) => s.kernel.timers.tick.armed || 'the timer is not armed' } });
    expect(r.counterexample?.steps.length).toBe(1);
  });

  it('events signaled, lock owners by context name, and interrupts taken', () => {
    const m = defineModel({
      name: 'view-objects',
      global: { e: event('notification'), lock: spinLock(), m: mutex() },
      threads: {
        w: {
          steps: {
            a: (s, k) => { k.acquireSpinLock(s.g.lock); return 'b'; },
            b: (s, k) => { k.releaseSpinLock(s.g.lock); k.acquireMutex(s.g.m); k.setEvent(s.g.e); return 'c'; },
            c: (s, k) => { k.releaseMutex(s.g.m); return 'return'; },
          },
        },
      },
      isr: { steps: { a: () => 'return' } },
      scenarios: { default: { workers: { w: 1 }, interrupts: 1 } },
    });
    const g = (s: SystemView) => s.g as unknown as { e: object; lock: object; m: object };
    const seen = observe(m, (s) => [s.kernel.signaled(g(s).e), s.kernel.owner(g(s).lock), s.kernel.owner(g(s).m), s.kernel.interrupts]);
    expect(seen).toContain('[false,"w0",null,0]');
    expect(seen).toContain('[true,null,"w0",1]');
    expect(seen).toContain('[true,null,null,1]');
    expect(seen.some((x) => x.startsWith('[false,null,"w0"'))).toBe(false);
    const r = checkBoth({ ...m, invariants: { free: (s) => s.kernel.owner(g(s).lock) === null || `${s.kernel.owner(g(s).lock)} holds the lock` } });
    expect([r.property, r.message]).toEqual(['free', 'w0 holds the lock']);
  });

  it('asking for the owner of something that is not a lock says what it takes', () => {
    const m = defineModel({
      name: 'view-owner-bad', global: { e: event('notification') },
      threads: { w: { steps: { a: () => 'return' } } },
      invariants: { bad: (s) => s.kernel.owner(s.g.e) === null },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(() => check(m)).toThrow(/s\.kernel\.owner\(lock\) takes a spin lock or a mutex/);
  });
});

describe('the adapter view', () => {
  it('shows power, the interrupt line and what each queue holds, oldest first', () => {
    const m = defineModel({
      name: 'view-adapter',
      adapter: { queues: { dma: { depth: 2, tokens: 3 } } },
      threads: {
        w: {
          steps: {
            a: (_s, k) => { k.hw.submit('dma', 2); k.hw.submit('dma', 3); return 'b'; },
            b: (_s, k) => { k.await(k.hw.pending('dma') === 0); k.hw.takeCompleted('dma'); k.hw.setPower('D3'); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(observe(m, (s) => [s.adapter!.power, s.adapter!.queues.dma.pending, s.adapter!.queues.dma.completed])).toEqual([
      '["D0",[2,3],[]]', '["D0",[3],[2]]', '["D0",[],[2,3]]', '["D0",[],[]]', '["D3",[],[3]]',
    ]);
  });

  it('is null for a model without an adapter', () => {
    const m = defineModel({ name: 'view-no-adapter', threads: { w: { steps: { a: () => 'return' } } }, scenarios: { default: { workers: { w: 1 } } } });
    expect(observe(m, (s) => s.adapter)).toEqual(['null']);
  });
});

describe('writing through the view', () => {
  const writer = (write: (s: SystemView<{ x: ReturnType<typeof t.int> }>) => void) => defineModel({
    name: 'view-write',
    global: { x: t.int(0, 1) },
    adapter: {},
    threads: { w: { steps: { a: () => 'return' } } },
    timers: { tick: { dpc: 'd' } },
    dpcs: { d: { steps: { a: () => 'return' } } },
    invariants: { writes: (s) => { write(s); return true; } },
    scenarios: { default: { workers: { w: 1 } } },
  });
  const cases: [string, (s: SystemView<{ x: ReturnType<typeof t.int> }>) => void, RegExp][] = [
    ['a global', (s) => { (s.g as { x: number }).x = 1; }, /g\.x is read-only here/],
    ['the kernel view', (s) => { (s.kernel as { interrupts: number }).interrupts = 1; }, /s\.kernel\.interrupts is read-only here/],
    ['a timer', (s) => { (s.kernel.timers as Record<string, unknown>).tick = {}; }, /s\.kernel\.timers\.tick is read-only here/],
    ['the adapter', (s) => { (s.adapter as { power: string }).power = 'D3'; }, /s\.adapter\.power is read-only here/],
    ['a context', (s) => { (s.contexts[0] as { at: string | null }).at = 'a'; }, /s\.contexts\[0\]\.at is read-only here/],
  ];
  for (const [what, write, message] of cases) {
    it(`throws a model error for ${what}, on both backends`, () => {
      for (const backend of ['fast', 'immer'] as const) expect(() => check(writer(write), { backend })).toThrow(message);
    });
  }
});
