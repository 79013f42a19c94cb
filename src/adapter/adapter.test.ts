// The simulated adapter on small whole models: each hardware rule with a driver
// that breaks it and one that does not; the interrupt line; a paravirtual queue
// the device drains in any order (state counts derived by hand); runtime power
// components; and display-driver state in session space versus global space.
import { describe, expect, it } from 'vitest';
import { check, defineModel, mutex, t, Rule, type AnyModel, type CheckResult, type ModelDef, type Scenario } from '../index.js';

function violated(r: CheckResult, property: string, message?: string): void {
  expect(r.verdict, r.message).toBe('violated');
  expect(r.property, r.message).toBe(property);
  if (message !== undefined) expect(r.message).toBe(message);
}
function holds(r: CheckResult, states?: number): void {
  expect(r.verdict, `${r.property}: ${r.message}`).toBe('holds');
  if (states !== undefined) expect(r.stats.distinctStates).toBe(states);
}
const model = (def: Omit<ModelDef, 'name'> & { name?: string }): AnyModel => defineModel({ name: 'adapter-test', ...def } as ModelDef);
const steps = (r: CheckResult): string[] => r.counterexample!.steps.map((s) => (s.context ? `${s.context.name} ${s.step}` : s.step));

describe('gpu-access-powered-down', () => {
  const power = (guarded: boolean) => model({
    adapter: {},
    ddis: {
      DxgkDdiSetPowerState: { steps: { off: (_s, k) => { k.hw.setPower('D3'); return 'return'; } } },
      DxgkDdiPresent: { steps: { flip: (_s, k) => { if (!guarded || k.hw.power === 'D0') k.hw.register('writes the flip register'); return 'return'; } } },
    },
    scenarios: { default: { processes: 1, calls: { DxgkDdiSetPowerState: 1, DxgkDdiPresent: 1 } } },
  });
  it('fails: a register write after the device went to D3', () => {
    const r = check(power(false));
    violated(r, Rule.gpuPoweredDown, 'P0T0 writes the flip register while the adapter is in D3 (powered down)');
    expect(steps(r)).toEqual(['P0T0 call DxgkDdiSetPowerState', 'P0T0 DxgkDdiSetPowerState/off', 'P0T0 call DxgkDdiPresent', 'P0T0 DxgkDdiPresent/flip']);
  });
  it('passes: the driver checks the power state first', () => holds(check(power(true))));

  const component = (guarded: boolean) => model({
    adapter: { components: 1, queues: { dma: { depth: 1, tokens: 1, component: 0 } } },
    ddis: {
      DxgkDdiSetPowerComponentFState: { steps: { idle: (_s, k) => { k.hw.setComponentFState(0, 1); return 'return'; } } },
      DxgkDdiRender: { steps: { submit: (_s, k) => { if (!guarded || k.hw.componentFState(0) === 0) k.hw.submit('dma', 1); return 'return'; } } },
    },
    scenarios: { default: { processes: 2, calls: [{ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }, 'DxgkDdiRender'] } },
  });
  it('fails: work submitted to an engine whose power component is in F1', () => {
    violated(check(component(false)), Rule.gpuPoweredDown, 'P1T0 submits to dma while power component 0 is in F1 (not active)');
  });
  it('passes: the driver keeps work off an idle component', () => holds(check(component(true))));
  it('the device does not consume for a component out of F0: work submitted, then F1, stays pending', () => {
    // One worker: submit, then idle the component. States: start; submitted (device may consume: 2 ways
    // to continue); consumed; idled with the work pending (no consume from here); consumed then idled.
    const m = model({
      adapter: { components: 1, queues: { dma: { depth: 1, tokens: 1, component: 0 } } },
      threads: { w: { steps: { submit: (_s, k) => { k.hw.submit('dma', 1); return 'idle'; }, idle: (_s, k) => { k.hw.setComponentFState(0, 1); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    holds(check(m), 5);
  });
});

describe('interrupts: the device raises them; a shared line calls the ISR for nothing too', () => {
  const irq = (enable: boolean, interrupts: Scenario['interrupts'] = { count: 2, kind: 'msi' }) => model({
    adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
    threads: { kick: { steps: { go: (_s, k) => { if (enable) k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
    isr: { steps: { ack: (_s, k) => { k.assert(k.hw.interruptsEnabled && k.hw.interruptPending, 'the ISR ran with the line not asserted or not enabled'); k.hw.ackInterrupt(); return 'return'; } } },
    scenarios: { default: { workers: { kick: 1 }, interrupts } },
  });
  it('MSI, enabled: start, submitted, completed (raised), ISR running, ISR done = 5 states; never spurious', () => {
    holds(check(irq(true)), 5);
  });
  it('MSI, not enabled: the completion latches the status but the ISR never runs (3 states)', () => {
    holds(check(irq(false)), 3);
  });
  it('MSI: the ISR does run once enabled and raised', () => {
    const m = irq(true);
    const r = check({ ...m, isr: { steps: { ack: (_s, k) => { k.fail('isr-ran', 'the ISR ran'); return 'return'; } } } });
    violated(r, 'isr-ran');
    expect(steps(r)).toEqual(['kick0 kick/go', 'device consumes dma', 'ISR interrupt', 'ISR ISR/ack']);
  });
  it('line-based (the default): the ISR is also called while the device raised nothing, from the first state on', () => {
    const r = check(irq(true, 2));
    violated(r, 'assertion', 'the ISR ran with the line not asserted or not enabled');
    expect(steps(r)).toEqual(['ISR spurious interrupt (shared line)', 'ISR ISR/ack']);
    expect(r.bounds).toBe('1 kick thread, 2 interrupts and 1 spurious (shared line)');
  });
  it('line-based with spurious: 0 narrows the schedules to the MSI ones, and the bounds say so', () => {
    const r = check(irq(true, { count: 2, spurious: 0 }));
    holds(r, 5);
    expect(r.bounds).toBe('1 kick thread, 2 interrupts (no spurious calls: spurious: 0)');
  });
});

describe('a paravirtual queue with order "any"', () => {
  // One worker puts tokens 1 and 2 on a queue of depth 2 in one step. FIFO: start,
  // queued, 1 done, both done = 4 states. Any order: the device may take either
  // first, so 1 done or 2 done, then both done in order [1,2] or [2,1] = 6 states.
  const pv = (order: 'fifo' | 'any', isr = false) => model({
    adapter: { queues: { vq: { depth: 2, tokens: 2, order } } },
    threads: { w: { steps: { put: (_s, k) => { if (isr) k.hw.enableInterrupts(true); k.hw.submit('vq', 1); k.hw.submit('vq', 2); return 'return'; } } } },
    ...(isr ? {
      isr: { steps: { done: (_s, k) => { k.hw.ackInterrupt(); for (let f = k.hw.takeCompleted('vq'); f !== 0; f = k.hw.takeCompleted('vq')) k.hw.notifyDmaCompleted(f); return 'return'; } } },
    } : {}),
    scenarios: { default: { workers: { w: 1 }, ...(isr ? { interrupts: 2 } : {}) } },
  });
  it('fifo: 4 states', () => holds(check(pv('fifo')), 4));
  it('any: 6 states (the device completes in either order)', () => holds(check(pv('any')), 6));
  it('fence-order: a driver that reports completions as the device makes them breaks on an "any" queue', () => {
    const r = check(pv('any', true));
    violated(r, Rule.fenceOrder, 'ISR reports fence 1 completed after fence 2: fences complete in order');
    // The ISR enters (the shared line, before the device raised anything), the device completes fence 2, then
    // fence 1, and the ISR reports the used ring in the order the device filled it.
    expect(steps(r)).toEqual(['w0 w/put', 'ISR spurious interrupt (shared line)', 'device consumes vq[1]', 'device consumes vq[0]', 'ISR ISR/done']);
  });
  it('fence-order: the same driver holds on a FIFO ring', () => holds(check(pv('fifo', true))));
});

describe('display-driver state in session space', () => {
  // Two processes in two sessions draw through the display driver: one on the
  // enabled PDEV, one tearing down a disabled PDEV's surface. Both touch the
  // shared hardware state, under a mutex kept in session space (each session its
  // own copy: no exclusion) or in global space (the miniport's device extension).
  const gdi = (where: 'session' | 'global', sessions: number) => {
    const lock = (s: any) => (where === 'session' ? s.session.lock : s.g.lock);
    const draw = { steps: {
      lock: (s: any, k: any) => { k.acquireMutex(lock(s)); return 'touch'; },
      touch: (s: any) => { s.g.engine++; return 'done'; },
      done: (s: any, k: any) => { k.assert(s.g.engine === 1, 'two sessions program the engine at once'); s.g.engine--; k.releaseMutex(lock(s)); return 'return'; },
    } };
    return model({
      global: { engine: t.int(0, 2), ...(where === 'global' ? { lock: mutex() } : {}) },
      session: where === 'session' ? { lock: mutex() } : {},
      ddis: { DrvBitBlt: draw, DrvDisableSurface: draw },
      scenarios: { default: { processes: 2, sessions, calls: [{ ddi: 'DrvBitBlt', pdev: 0 }, { ddi: 'DrvDisableSurface', pdev: 1 }], pdevs: 2, pdevStart: ['enabled', 'disabled'] } },
    });
  };
  it('fails: a mutex in session space does not exclude the other session', () => {
    const r = check(gdi('session', 2));
    violated(r, 'data-race');
    expect(r.message).toContain('g.engine');
  });
  it('passes: the same mutex in global space', () => holds(check(gdi('global', 2))));
  it('passes: in session space, when both processes are in one session', () => holds(check(gdi('session', 1))));
});
