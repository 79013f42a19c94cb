/**
 * Data races: two contexts whose next steps, both enabled in one state, access
 * one data location, at least one writing, holding no lock in common (see the
 * tracker: a lock taken inside a step still orders it). Locations declared
 * interlocked or ghost, and the insides of locks and events, are never recorded;
 * two interlocked operations never race, an interlocked and a plain access do.
 * Accesses come from the step's own reads and writes, tracked as it runs:
 * nothing is declared by hand.
 */
import type { System } from '../engine/system.js';
import type { Accesses, Tracker } from '../engine/tracker.js';

export interface Race {
  readonly message: string;
  readonly location: string;
  /** The two racing actions (ids), both enabled in the reported state. */
  readonly actions: readonly [number, number];
}

interface Access extends Accesses { action: number; ctx: number }

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
    const loc = layout.slots[slot].path;
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
/** A slot one of them writes and the other touches, with no lock (or atomicity) in common; -1 if none. */
function clash(x: Access, y: Access): number {
  const a = writeClash(x, y);
  return a >= 0 ? a : writeClash(y, x);
}
/** A slot `w` writes and `o` touches, with no lock in common; -1 if none. */
function writeClash(w: Access, o: Access): number {
  for (let i = 0; i < w.writes.length; i++) {
    const slot = w.writes[i];
    const mask = w.writeMasks[i];
    for (let j = 0; j < o.writes.length; j++) if (o.writes[j] === slot && (o.writeMasks[j] & mask) === 0) return slot;
    for (let j = 0; j < o.reads.length; j++) if (o.reads[j] === slot && (o.readMasks[j] & mask) === 0) return slot;
  }
  return -1;
}
