/**
 * Data races: two contexts whose next steps, both enabled in one state, access
 * one data location, at least one writing. Locations declared interlocked or
 * ghost, and the insides of locks and events, are never recorded. Accesses come
 * from the step's own reads and writes, tracked as it runs: nothing is declared
 * by hand.
 */
import type { System } from '../engine/system.js';
import type { Tracker } from '../engine/tracker.js';

export interface Race {
  readonly message: string;
  readonly location: string;
  /** The two racing actions (ids), both enabled in the reported state. */
  readonly actions: readonly [number, number];
}

interface Access { action: number; ctx: number; reads: Int32Array; writes: Int32Array }

export class RaceDetector {
  private seen: Access[] = [];
  constructor(private readonly sys: System) {}
  begin(): void { this.seen.length = 0; }
  record(action: number, tr: Tracker): void {
    if (tr.nReads === 0 && tr.nWrites === 0) return;
    const a = this.sys.actions[action];
    if (a.kind !== 'step') return;
    this.seen.push({ action, ctx: a.ctx, ...tr.snapshot() });
  }
  conflict(): Race | null {
    const s = this.seen;
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) {
      if (s[i].ctx === s[j].ctx) continue;
      const slot = clash(s[i], s[j]);
      if (slot >= 0) return this.describe(s[i], s[j], slot);
    }
    return null;
  }
  private describe(x: Access, y: Access, slot: number): Race {
    const { actions, contexts, layout } = this.sys;
    const path = layout.slots[slot].path;
    const loc = path.startsWith('g.') ? path : path;
    const verb = (a: Access): string => (has(a.writes, slot) ? 'writes' : 'reads');
    const who = (a: Access): string => `${contexts[a.ctx].info.name} (${actions[a.action].name}) ${verb(a)}`;
    return {
      location: loc,
      actions: [x.action, y.action],
      message: `${who(x)} ${loc} while ${who(y)} it: both steps are enabled in the same state and nothing orders them`,
    };
  }
}

function has(a: Int32Array, v: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] === v) return true;
  return false;
}
function clash(x: Access, y: Access): number {
  for (let i = 0; i < x.writes.length; i++) { const w = x.writes[i]; if (has(y.writes, w) || has(y.reads, w)) return w; }
  for (let i = 0; i < y.writes.length; i++) { const w = y.writes[i]; if (has(x.reads, w)) return w; }
  return -1;
}
