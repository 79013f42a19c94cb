/**
 * Data races: two contexts whose next steps, both enabled in one state, access
 * one data location, at least one writing, holding no lock in common (see the
 * tracker: a lock taken inside a step still orders it). Locations declared
 * interlocked or ghost, and the insides of locks and events, are never recorded;
 * two interlocked operations never race, an interlocked and a plain access do.
 * Accesses come from the step's own reads and writes, tracked as it runs:
 * nothing is declared by hand.
 *
 * Two steps that each allocate a pool object and fill it touch the same object
 * when each runs first, yet can never get the same one. So a pair that
 * conflicts as both were run from the state is confirmed in the two orders: the
 * second step's accesses are taken from the state after the first (`Trial`),
 * and only accesses that touch one location in one of the orders conflict.
 */
import type { System } from '../src/engine/system.js';
import type { Engine } from '../src/engine/semantics.js';
import type { Accesses, Tracker } from '../src/engine/tracker.js';
import type { Family, Finding, Monitor, Race } from './monitor.js';
import { Property } from '../src/property-ids.js';

export type { Race } from './monitor.js';

export const races: Family = {
  name: 'data races',
  properties: [
    { id: Property.race, summary: 'Two contexts access one location at once, one writing, with no lock in common.' },
  ],
  help: 'A data race is two contexts whose next steps are both enabled in one state and touch one data location, one of them writing, with no lock in common. '
    + 'DESIGN.md: "data races (two contexts with conflicting accesses to one location enabled in the same state)". '
    + 'Accesses are tracked as the steps run; locations declared t.interlocked or t.ghost never race, and a model can turn the check off with races: false.',
};

/** "P0T0 (DxgkDdiPresent/write) writes g.x while P1T0 (DxgkDdiPresent/read) reads it: ...". */
export function raceMessage(first: string, firstVerb: string, location: string, second: string, secondVerb: string): string {
  return `${first} ${firstVerb} ${location} while ${second} ${secondVerb} it: both steps are enabled in the same state and nothing orders them`;
}

interface Access extends Accesses { action: number; ctx: number }

/**
 * The accesses of action `second` run from the state after action `first` ran
 * from `vec`; null when `first` or `second` cannot run there (or fails). Given
 * by the successor function, which alone runs steps.
 */
export type Trial = (vec: Int32Array, first: number, second: number) => Accesses | null;

/**
 * Records the accesses of every step enabled in one state and, once the state
 * is expanded, reports the first pair (in candidate order) that conflicts.
 */
export class RaceMonitor implements Monitor {
  readonly name = races.name;
  readonly needsAllEnabled = true;
  private seen: Access[] = [];
  /** The state being expanded (the trials start from it). */
  private vec: Int32Array | null = null;
  constructor(private readonly sys: System, private readonly trial: Trial | null = null) {}

  beginExpansion(vec: Int32Array): void { this.seen.length = 0; this.vec = vec; }

  onSuccessor(action: number, tr: Tracker): void {
    if (tr.nReads === 0 && tr.nWrites === 0) return;
    const a = this.sys.actions[action];
    if (a.kind !== 'step') return;
    this.seen.push({ action, ctx: a.ctx, ...tr.snapshot() });
  }

  afterExpansion(): Finding | null {
    const race = this.conflict();
    return race ? { property: Property.race, message: race.message, kind: 'race', race } : null;
  }

  /** The first conflicting pair among the recorded steps (in candidate order), confirmed in the two orders, or null. */
  conflict(): Race | null {
    const s = this.seen;
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) {
      if (s[i].ctx === s[j].ctx) continue;
      const slot = clash(s[i], s[j]);
      if (slot < 0) continue;
      const race = this.confirm(s[i], s[j], slot);
      if (race) return race;
    }
    return null;
  }

  /**
   * `x` and `y` conflict on `slot` as both run from the state: does some
   * location conflict when one runs after the other? The slot first (a real
   * race keeps it), then any other.
   */
  private confirm(x: Access, y: Access, slot: number): Race | null {
    if (this.trial === null || this.vec === null) return this.describe(x, y, slot, x, y);
    const yAfter = this.after(x, y);
    const xAfter = this.after(y, x);
    // Confirmed on the slot: described as the two steps touch it from the state.
    if ((yAfter && clashOn(x, yAfter, slot)) || (xAfter && clashOn(xAfter, y, slot))) return this.describe(x, y, slot, x, y);
    const a = yAfter ? clash(x, yAfter) : -1;
    if (a >= 0) return this.describe(x, y, a, x, yAfter!);
    const b = xAfter ? clash(xAfter, y) : -1;
    if (b >= 0) return this.describe(x, y, b, xAfter!, y);
    return null;
  }

  /** `second`'s accesses from the state after `first`, or null when it cannot run there. */
  private after(first: Access, second: Access): Access | null {
    const acc = this.trial!(this.vec!, first.action, second.action);
    return acc ? { action: second.action, ctx: second.ctx, ...acc } : null;
  }

  /** The race of `x` and `y` on `slot`, each described by the accesses it made there (`ax`, `ay`). */
  private describe(x: Access, y: Access, slot: number, ax: Access, ay: Access): Race {
    const { actions, contexts, layout } = this.sys;
    const loc = layout.slots[slot].path;
    const verb = (a: Access): string => (has(a.writes, slot) ? 'writes' : 'reads');
    const who = (a: Access): string => `${contexts[a.ctx].info.name} (${actions[a.action].name})`;
    return { location: loc, actions: [x.action, y.action], message: raceMessage(who(x), verb(ax), loc, who(y), verb(ay)) };
  }
}

/** The race monitor, when the engine tracks accesses (the model did not say races: false); `trial` confirms a pair in the two orders. */
export function raceMonitor<S>(engine: Engine<S>, trial: Trial | null = null): RaceMonitor | null {
  return engine.trackRaces ? new RaceMonitor(engine.sys, trial) : null;
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
/** Whether one of `x` and `y` writes `slot` and the other touches it, with no lock in common. */
function clashOn(x: Access, y: Access, slot: number): boolean {
  return writesOver(x, y, slot) || writesOver(y, x, slot);
}
/** Whether `w` writes `slot` and `o` touches it, with no lock in common. */
function writesOver(w: Access, o: Access, slot: number): boolean {
  for (let i = 0; i < w.writes.length; i++) {
    if (w.writes[i] !== slot) continue;
    const mask = w.writeMasks[i];
    for (let j = 0; j < o.writes.length; j++) if (o.writes[j] === slot && (o.writeMasks[j] & mask) === 0) return true;
    for (let j = 0; j < o.reads.length; j++) if (o.reads[j] === slot && (o.readMasks[j] & mask) === 0) return true;
  }
  return false;
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
