import { describe, expect, it } from 'vitest';
import model from '../../models/dispatcher.js';
import { check } from '../check.js';
import { availableMB, defaultMemoryMB } from './memory.js';

describe('the memory budget', () => {
  it('ends a search whose visited set would outgrow it as inconclusive, with its stats', () => {
    const r = check(model, { memoryMB: 6, symmetry: false });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe('memory budget of 6 MB would run out: the visited set would grow by 1.7 MB beside the 4.8 MB in use (78643 states stored, 5126 waiting); set a state budget, search depth-first, or raise the memory budget (--memory-mb; memoryMB in a CI budget)');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([78_643, 239_925]);
  });

  it('checks what the tables hold between states too', () => {
    const r = check(model, { memoryMB: 1, symmetry: false });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe('memory budget of 1 MB ran out: the visited set, parent links, state graph and frontier hold 1.1 MB (5069 states stored, 974 waiting); set a state budget, search depth-first, or raise the memory budget (--memory-mb; memoryMB in a CI budget)');
    expect(r.stats.distinctStates).toBe(5069);
  });

  it('leaves a search that fits alone: the whole space, by default and with room to spare', () => {
    expect(defaultMemoryMB()).toBeGreaterThan(0);
    expect(defaultMemoryMB()).toBeLessThanOrEqual(availableMB());
    for (const r of [check(model, { symmetry: false }), check(model, { memoryMB: 64, symmetry: false })]) {
      expect(r.verdict).toBe('holds');
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([110_080, 347_680]);
    }
  });
});
