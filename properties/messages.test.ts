/**
 * The message functions of the families whose properties are detected inline
 * (kernel primitives, the engine, the state views) word exactly what the
 * detectors report: each is pinned here against a model that breaks the rule.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t, pool, spinLock, event } from '../src/index.js';
import { check } from '../src/check.js';
import { Property } from '../src/property-ids.js';
import { waitAtRaisedIrql, releaseNotHeld, returnsHolding } from './irql.js';
import { usedAfterFree, freedTwice } from './lifetime.js';
import { outOfRange } from './range.js';
import { invariantFailed } from './invariants.js';

const one = (steps: Record<string, (s: any, k: any) => string>, global: Record<string, unknown> = {}) => defineModel({
  name: 'm', global: global as any, races: false,
  threads: { w: { steps } },
  scenarios: { default: { workers: { w: 1 } } },
});

describe('family messages are the detectors\' own words', () => {
  it('irql: a wait at DISPATCH_LEVEL', () => {
    const r = check(one({ lock: (s, k) => { k.acquireSpinLock(s.g.l); return 'wait'; }, wait: (s, k) => { k.waitEvent(s.g.e); return 'return'; } }, { l: spinLock(), e: event('notification', true) }));
    expect([r.property, r.message]).toEqual([Property.irql, waitAtRaisedIrql('w0', 'an event', 'DISPATCH_LEVEL')]);
  });

  it('lock discipline: releasing a lock nobody holds, returning with one held', () => {
    const rel = check(one({ rel: (s, k) => { k.releaseSpinLock(s.g.l); return 'return'; } }, { l: spinLock() }));
    expect([rel.property, rel.message]).toEqual([Property.lockDiscipline, releaseNotHeld('w0', 'spin lock', 'nobody')]);
    const ret = check(one({ take: (s, k) => { k.acquireSpinLock(s.g.l); return 'return'; } }, { l: spinLock() }));
    expect([ret.property, ret.message]).toEqual([Property.lockDiscipline, returnsHolding('w0', 'w', 'spin lock', 'g.l')]);
  });

  it('object lifetime: use after free, double free', () => {
    const bufs = pool('buf', 1, { n: t.int(0, 1) });
    const uaf = check(one({ go: (s, k) => { const h = k.alloc(s.g.b); k.free(s.g.b, h); k.use(s.g.b, h); return 'return'; } }, { b: bufs }));
    expect([uaf.property, uaf.message]).toEqual([Property.useAfterFree, usedAfterFree('w0', 'buf', 1)]);
    const twice = check(one({ go: (s, k) => { const h = k.alloc(s.g.b); k.free(s.g.b, h); k.free(s.g.b, h); return 'return'; } }, { b: bufs }));
    expect([twice.property, twice.message]).toEqual([Property.useAfterFree, freedTwice('w0', 'buf', 1)]);
  });

  it('range, deadlock and a false invariant', () => {
    const r = check(one({ go: (s) => { s.g.x = 5; return 'return'; } }, { x: t.int(0, 3) }));
    expect([r.property, r.message]).toEqual([Property.range, outOfRange('g.x', 5, '0..3')]);
    const d = check(one({ wait: (s, k) => { k.waitEvent(s.g.e); return 'return'; } }, { e: event('notification') }));
    expect(d.property).toBe(Property.deadlock);
    expect(d.message).toBe('no context can move, yet w0 at w/wait has not finished');
    const inv = check(defineModel({ name: 'i', global: { x: t.int(0, 1) }, threads: { w: { steps: { go: (s) => { s.g.x = 1; return 'return'; } } } }, invariants: { zero: (s) => s.g.x === 0 }, scenarios: { default: { workers: { w: 1 } } } }));
    expect([inv.property, inv.message]).toEqual(['zero', invariantFailed('zero')]);
  });
});
