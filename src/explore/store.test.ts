import { describe, expect, it } from 'vitest';
import { FingerprintStore, seen, SEEN } from './store.js';

describe('FingerprintStore', () => {
  it('numbers new fingerprints in order, knows every one again, and stays 53-80% full as it grows', () => {
    const s = new FingerprintStore(16, true);
    const fp = new Uint32Array(2);
    const vec = new Int32Array(0);
    const n = 200_000;
    const key = (i: number): void => { fp[0] = Math.imul(i, 0x9e3779b1) >>> 0; fp[1] = Math.imul(i ^ 0x5bd1e995, 0x85ebca6b) >>> 0; };
    for (let i = 0; i < n; i++) { key(i); expect(s.add(vec, fp)).toBe(i); }
    for (let i = 0; i < n; i += 997) { key(i); expect(s.add(vec, fp)).toBe(seen(i)); }
    expect(s.size).toBe(n);
    const slots = s.bytes() / 12;
    expect(n / slots).toBeGreaterThan(0.53);
    expect(n / slots).toBeLessThanOrEqual(0.8);
  });

  it('tells a fingerprint of all zero bits apart from an empty slot, and answers SEEN without ids', () => {
    const s = new FingerprintStore(16);
    const fp = new Uint32Array([0, 0]);
    const vec = new Int32Array(0);
    expect(s.add(vec, fp)).toBe(0);
    expect(s.add(vec, fp)).toBe(SEEN);
    expect(s.add(vec, new Uint32Array([0, 1]))).toBe(SEEN);
    expect(s.add(vec, new Uint32Array([1, 0]))).toBe(1);
  });
});
