import { describe, expect, it } from 'vitest';
import { KNOWN_KEYS, checkModelKeys, editDistance, nearest } from './keys.js';
import type { ModelDef, Scenario, StepDef, Procedure, Expectation } from './define.js';
import type { AdapterConfig, QueueConfig } from './adapter-config.js';

// The table must name every key of the interfaces, and nothing else: a key added
// to define.ts and not to KNOWN_KEYS (or the other way) fails `tsc --noEmit`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Keys<K extends keyof typeof KNOWN_KEYS> = (typeof KNOWN_KEYS)[K][number];
const inSync: [
  Same<Keys<'model'>, keyof ModelDef>, Same<Keys<'scenario'>, keyof Scenario>, Same<Keys<'budget'>, keyof NonNullable<Scenario['budget']>>,
  Same<Keys<'step'>, keyof StepDef<unknown>>, Same<Keys<'procedure'>, keyof Procedure<unknown>>, Same<Keys<'expectation'>, keyof Expectation>,
  Same<Keys<'adapter'>, keyof AdapterConfig>, Same<Keys<'queue'>, keyof QueueConfig>,
  Same<Keys<'lifecycle'>, keyof NonNullable<Scenario['lifecycle']>>, Same<Keys<'bugcheck'>, keyof Exclude<NonNullable<Scenario['bugcheck']>, true>>,
] = [true, true, true, true, true, true, true, true, true, true];

describe('the key table', () => {
  it('matches define.ts (checked by the type-checker above)', () => { expect(inSync.every((x) => x)).toBe(true); });
  it('edit distance', () => {
    expect(editDistance('interupts', 'interrupts')).toBe(1);
    expect(editDistance('worker', 'workers')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('nearest known key', () => {
    expect(nearest('worker', KNOWN_KEYS.scenario)).toBe('workers');
    expect(nearest('MaxState', KNOWN_KEYS.budget)).toBe('maxStates');
  });
});

describe('checkModelKeys', () => {
  const ok = { name: 'm', threads: { w: { steps: { a: { do: () => undefined, next: 'return' } } } }, scenarios: { default: { workers: { w: 1 } } } };
  const msg = (m: unknown): string => { try { checkModelKeys(m, 'model m'); return ''; } catch (e) { return (e as Error).message; } };
  it('passes a well-formed model', () => { expect(msg(ok)).toBe(''); });
  it('names an unknown key wherever it is', () => {
    expect(msg({ ...ok, invariant: {} })).toMatch(/^model m: has unknown key "invariant" \(did you mean "invariants"\?\)/);
    expect(msg({ ...ok, scenarios: { big: { worker: { w: 1 } } } })).toMatch(/^model m: scenario big: has unknown key "worker" \(did you mean "workers"\?\)/);
    expect(msg({ ...ok, threads: { w: { steps: { a: { do: () => undefined, nxt: 'return' } } } } })).toMatch(/^model m: threads\.w\.steps\.a: has unknown key "nxt" \(did you mean "next"\?\)/);
    expect(msg({ ...ok, threads: { w: { step: {} } } })).toMatch(/^model m: threads\.w: has unknown key "step" \(did you mean "steps"\?\)/);
    expect(msg({ ...ok, scenarios: { default: { workers: { w: 1 }, interrupts: { count: 1, knd: 'msi' } } } })).toMatch(/interrupts: has unknown key "knd" \(did you mean "kind"\?\)/);
    expect(msg({ ...ok, adapter: { source: ['ctrl'] } })).toMatch(/^model m: adapter: has unknown key "source" \(did you mean "sources"\?\)/);
    expect(msg({ ...ok, adapter: { queues: { ctrl: { depth: 1, devce: {} } } } })).toMatch(/^model m: adapter queue ctrl: has unknown key "devce" \(did you mean "device"\?\)/);
    expect(msg({ ...ok, adapter: { queues: { ctrl: { depth: 1, device: { steps: { a: { do: () => undefined, nxt: 'return' } } } } } } }))
      .toMatch(/^model m: adapter queue ctrl: device\.steps\.a: has unknown key "nxt" \(did you mean "next"\?\)/);
  });
});
