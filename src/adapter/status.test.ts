// The interrupt status register: a bit per declared source, set when the source
// raises (unless its enable bit is off), read and cleared by the ISR; MSI
// message i is delivered only while source i is raised. State counts derived by
// hand; both backends throughout.
import { describe, expect, it } from 'vitest';
import { check, defineModel, t, type AnyModel, type ModelDef, type QueueConfig } from '../index.js';
import { checkBoth } from '../../test/support/check-both.js';

const model = (def: Omit<ModelDef, 'name'>): AnyModel => defineModel({ name: 'status', ...def } as ModelDef);
type Device = NonNullable<QueueConfig['device']>;

describe('interrupt sources, MSI messages', () => {
  const msi = (disableCursor: boolean) => model({
    global: { msg: t.int(0, 2) },
    adapter: { queues: { ctrl: { depth: 1, tokens: 1 }, cursor: { depth: 1, tokens: 1 } }, sources: ['ctrl', 'cursor'] },
    threads: {
      w: {
        steps: {
          go: (_s, k) => {
            k.hw.enableInterrupts(true);
            if (disableCursor) k.hw.enableSource('cursor', false);
            k.hw.submit('cursor', 1);
            return 'return';
          },
        },
      },
    },
    // viogpudo's InterruptRoutine: the message number says which queue completed.
    isr: { steps: { ack: (s, k) => { s.g.msg = k.messageNumber + 1; k.assert(k.hw.ackSource(k.messageNumber), `message ${k.messageNumber} with its source clear`); return 'return'; } } },
    invariants: { 'only the cursor message': (s) => s.g.msg !== 1 || 'message 0 (ctrl) was delivered, but only the cursor queue completed' },
    scenarios: { default: { workers: { w: 1 }, interrupts: { count: 1, kind: 'msi', messages: 2 } } },
  });

  it('message i comes only for source i: submitted, completed (status bit 1), ISR on message 1, done = 5 states', () => {
    const r = checkBoth(msi(false));
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
    expect(r.bounds).toBe('1 w thread, 1 interrupt (MSI, 2 messages: only when the device raises one)');
  });

  it('a disabled source does not raise: the completion lands on the used ring, no message (3 states)', () => {
    const r = checkBoth(msi(true));
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([3, 2]);
  });

  it('MSI messages must match the sources', () => {
    const m = msi(false);
    const bad = { ...m, scenarios: { default: { workers: { w: 1 }, interrupts: { count: 1, kind: 'msi' as const, messages: 3 } } } };
    expect(() => check(bad)).toThrow('model status, scenario default: interrupts.messages: is 3, but the adapter declares 2 interrupt sources (ctrl, cursor); MSI message i is source i');
  });
});

describe('the status register, read and cleared by the ISR', () => {
  it('a line-based ISR reads the sources raised so far: 10 states, 10 transitions, reads 2 or 3', () => {
    // The host completes the ctrl entry and raises ctrl (bit 1), then, in a
    // step of its own, the config source (bit 0). One interrupt, no spurious
    // calls. S0; S1 submitted; S2 taken; S3 ctrl raised (status 2). From S3 the
    // ISR enters (S4) or config raises (S5, status 3). S4: the ISR reads 2
    // (S6) or config raises (S7, ISR still to read, status 3); S5: the ISR
    // enters = S7. S6: config raises again (S9, status 1, no interrupt left);
    // S7: the ISR reads 3 (S10). 10 states; moves 1+1+1+2+2+1+1+1 = 10.
    const got = new Set<number>();
    const m = model({
      global: { got: t.ghost(t.int(0, 3)) },
      adapter: {
        sources: ['config', 'ctrl'],
        queues: {
          ctrl: {
            depth: 1, tokens: 1,
            device: { steps: { finish: (_s, k) => { k.hw.complete(); k.hw.raise(); return 'cfg'; }, cfg: (_s, k) => { k.hw.raise('config'); return 'return'; } } } as Device,
          },
        },
      },
      threads: { w: { steps: { go: (_s, k) => { k.hw.enableInterrupts(true); k.hw.submit('ctrl', 1); return 'return'; } } } },
      isr: { steps: { ack: (s, k) => { s.g.got = k.hw.readStatus(); return 'return'; } } },
      invariants: {
        seen: (s) => { got.add(s.g.got as number); return true; },
        // The line is up exactly while a status bit is set; reading 3 leaves nothing.
        'line follows status': (s) => s.adapter!.interruptPending === (s.adapter!.status !== 0),
        'read clears': (s) => s.g.got !== 3 || s.adapter!.status === 0,
      },
      scenarios: { default: { workers: { w: 1 }, interrupts: { count: 1, spurious: 0 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([10, 10]);
    expect([...got].sort()).toEqual([0, 2, 3]);
  });

  it('bad sources are bad input; an undeclared source is an assertion naming the declared ones', () => {
    const base = { threads: { w: { steps: { go: (_s: unknown, k: { hw: { enableSource(s: string, on: boolean): void } }) => { k.hw.enableSource('vsync', false); return 'return'; } } } }, scenarios: { default: { workers: { w: 1 } } } };
    expect(() => check(model({ ...base, adapter: { sources: ['a', 'a'] } } as Omit<ModelDef, 'name'>))).toThrow('model status: adapter sources: names "a" twice');
    const r = checkBoth(model({ ...base, adapter: { sources: ['config'] } } as Omit<ModelDef, 'name'>));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'assertion', 'w0 disables an interrupt source: source "vsync" is not one the adapter declares (sources: config)']);
  });
});
