/**
 * Data races: two contexts whose next steps, both enabled in one state, access
 * one data location, at least one writing, holding no lock in common (see the
 * tracker: a lock taken inside a step still orders it). Locations declared
 * interlocked or ghost, and the insides of locks and events, are never recorded;
 * two interlocked operations never race, an interlocked and a plain access do.
 * Accesses come from the step's own reads and writes, tracked as it runs:
 * nothing is declared by hand.
 */
import type { System } from '../src/engine/system.js';
import type { Engine } from '../src/engine/semantics.js';
import type { Accesses, Tracker } from '../src/engine/tracker.js';
import type { Family, Finding, Monitor, Race } from './monitor.js';
import { Property } from './ids.js';

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
 * Records the accesses of every step enabled in one state and, once the state
 * is expanded, reports the first pair (in candidate order) that conflicts.
 */
export class RaceMonitor implements Monitor {
  readonly name = races.name;
  readonly needsAllEnabled = true;
  private seen: Access[] = [];
  constructor(private readonly sys: System) {}

  beginExpansion(): void { this.seen.length = 0; }

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

  /** The first conflicting pair among the recorded steps, or null. */
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
    const who = (a: Access): string => `${contexts[a.ctx].info.name} (${actions[a.action].name})`;
    return { location: loc, actions: [x.action, y.action], message: raceMessage(who(x), verb(x), loc, who(y), verb(y)) };
  }
}

/** The race monitor, when the engine tracks accesses (the model did not say races: false). */
export function raceMonitor<S>(engine: Engine<S>): RaceMonitor | null {
  return engine.trackRaces ? new RaceMonitor(engine.sys) : null;
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
