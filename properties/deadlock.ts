/**
 * Deadlock and stuck contexts. A plain deadlock is a state in which no step can
 * run while some context is inside its procedure (not parked at an `end` step):
 * judged after a state's expansion found nothing enabled. A stuck context is a
 * deadlock a perpetual cycle hides (a periodic timer keeps every state moving):
 * judged after a complete search on the recorded state graph (stuck.ts).
 * Kernel primitives also raise `deadlock` inline, for a lock re-acquired by
 * its own holder.
 */
import type { Engine } from '../src/engine/semantics.js';
import type { System } from '../src/engine/system.js';
import type { Family, Finding, Monitor } from './monitor.js';
import { Property } from '../src/property-ids.js';
import { DIRQL } from '../src/model/kernel/irql.js';

export const deadlock: Family = {
  name: 'deadlock and stuck contexts',
  properties: [
    { id: Property.deadlock, summary: 'No context can move, yet some have not finished; or some can never move again while others cycle forever.' },
  ],
  help: 'A deadlock is a state where no step can run while some context has not finished its procedure, or a set of contexts that can never move again while others cycle forever. '
    + 'DESIGN.md: "deadlock (no step enabled, some call not returned)"; docs/models.md: "in each terminal strongly connected component ..., a context that is inside its procedure, not at an end step, '
    + 'and takes no step on any transition inside the component can never move again". Mark a step end: true where waiting forever is a valid end.',
};

/** "no context can move, yet P0T0 at DxgkDdiPresent/lock has not finished". */
export function deadlockMessage(sys: System, vec: Int32Array): string {
  const stuck = sys.contexts
    .filter((c, i) => vec[sys.slots.pc[i]] > 1)
    .map((c) => `${c.info.name} at ${c.pcProc[vec[sys.slots.pc[c.info.id]]]!.name}/${c.pcLabel[vec[sys.slots.pc[c.info.id]]]}`);
  const env = sys.env;
  const draining = env && env.phase >= 0 && vec[env.phase] === 1;
  const tdr = draining ? '; the GPU is hung and TDR is draining: DxgkDdiResetFromTimeout waits for every call in the driver to return' : '';
  if (sys.bugcheck && env?.halted(vec)) {
    const at = (i: number): string => `${sys.contexts[i].info.name}, frozen at ${sys.contexts[i].pcProc[vec[sys.slots.pc[i]]]!.name}/${sys.contexts[i].pcLabel[vec[sys.slots.pc[i]]]}`;
    const held = sys.locks.filter((l) => vec[l.slot] > 0 && vec[l.slot] - 1 !== sys.bugcheckContext).map((l) => `${l.path} is held by ${at(vec[l.slot] - 1)}`);
    const irqlSlots = sys.slots.irql;
    for (let i = 0; i < irqlSlots.length; i++) if (i !== sys.bugcheckContext && vec[irqlSlots[i]] === DIRQL && vec[sys.slots.pc[i]] > 1) held.push(`the interrupt lock is held by ${at(i)}`);
    const frozen = held.length > 0 ? `: ${held.join('; ')}` : '';
    return `no context can move, yet BUGCHECK at ${stuck.find((x) => x.startsWith('BUGCHECK '))?.slice(12) ?? '?'} has not finished; the system halted (bugcheck) and every other context is frozen${frozen}`;
  }
  return `no context can move, yet ${stuck.join(', ')} ${stuck.length === 1 ? 'has' : 'have'} not finished${tdr}`;
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * "worker0 at worker/second and worker1 at worker/first can never move again,
 * while DPC_tickDpc and timer tick keep running": `stuck` are the contexts that
 * never move, `moved[i]` says context i moved, `env` the adapter and timer actions that ran.
 */
export function stuckMessage(sys: System, vec: Int32Array, stuck: readonly number[], moved: Uint8Array, env: ReadonlySet<number>): string {
  const at = stuck.map((i) => {
    const pc = vec[sys.slots.pc[i]];
    return `${sys.contexts[i].info.name} at ${sys.contexts[i].pcProc[pc]!.name}/${sys.contexts[i].pcLabel[pc]}`;
  });
  const movers: string[] = [];
  sys.contexts.forEach((c, i) => { if (moved[i]) movers.push(c.info.name); });
  for (const a of [...env].sort((x, y) => x - y)) {
    const act = sys.actions[a];
    const who = act.kind === 'timer' ? `timer ${act.timer}` : act.kind === 'device' || act.kind === 'hang' ? 'the GPU' : act.name;
    if (!movers.includes(who)) movers.push(who);
  }
  const tail = movers.length === 0 ? '' : `, while ${list(movers)} ${movers.length === 1 ? 'keeps' : 'keep'} running`;
  return `${list(at)} can never move again${tail}`;
}

/** After a state's expansion: nothing was enabled, yet some context is inside its procedure. */
export function deadlockMonitor<S>(engine: Engine<S>): Monitor<S> {
  return {
    name: deadlock.name,
    needsAllEnabled: false,
    afterExpansion(vec: Int32Array, enabled: number): Finding | null {
      return enabled === 0 && engine.busy(vec) ? { property: Property.deadlock, message: deadlockMessage(engine.sys, vec), kind: 'deadlock' } : null;
    },
  };
}
