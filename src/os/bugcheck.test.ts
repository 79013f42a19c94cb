// The bugcheck display path's script: the enable first, then the writes, as many as the scenario says.
import { describe, expect, it } from 'vitest';
import { bugcheckAllows, type BugcheckScript } from './bugcheck.js';

describe('the BUGCHECK context script', () => {
  const script: BugcheckScript = { enable: 4, write: 5, writes: 2 };
  it('enables first, once', () => {
    expect(bugcheckAllows(script, 0, 4)).toBe(true);
    expect(bugcheckAllows(script, 0, 5)).toBe(false);
    expect(bugcheckAllows(script, 1, 4)).toBe(false);
  });
  it('then writes `writes` times, and no more', () => {
    expect([1, 2, 3].map((made) => bugcheckAllows(script, made, 5))).toEqual([true, true, false]);
  });
  it('makes no other call', () => { expect(bugcheckAllows(script, 1, 0)).toBe(false); });
});
