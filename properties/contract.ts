/**
 * The contract monitors: what may be in the driver at once, judged on every
 * state from the calls in progress. The rules themselves live with the OS
 * environment (src/os/rules.ts), which also uses them to admit calls in driver
 * mode, so admission and monitors cannot disagree; this family names them,
 * explains them and puts the OS monitor behind the monitor interface.
 */
import type { Engine } from '../src/engine/semantics.js';
import type { Family, Monitor, Finding } from './monitor.js';
import { Rule } from '../src/property-ids.js';

export const contract: Family = {
  name: 'contract monitors',
  properties: [
    { id: Rule.sameProcess, summary: 'Two threads of one process are in the driver at once.' },
    { id: Rule.classExclusion, summary: 'Two calls of one level-1 class (child I/O: of one child) overlap.' },
    { id: Rule.instanceExclusion, summary: 'Two calls for one instance (power component, hardware queue) overlap.' },
    { id: Rule.levelExclusive, summary: 'A level-2 or level-3 call is not alone in the driver.' },
    { id: Rule.levelPrecondition, summary: 'A level-2 or level-3 call starts while the adapter is not idle.' },
    { id: Rule.exclusiveReset, summary: 'Something other than the ISR, the DPC and the runtime power DDIs overlaps DxgkDdiResetFromTimeout.' },
    { id: Rule.tdrOrder, summary: 'TDR calls out of order: cleanup before the reset returned, or restart before cleanup ended.' },
    { id: Rule.deviceLifecycle, summary: 'A call before DxgkDdiStartDevice returned (but for what the pages allow then), after DxgkDdiStopDevice began, or a lifecycle call out of order.' },
    { id: Rule.pdevSingleThread, summary: 'Two threads are in the display driver with enabled PDEVs.' },
    { id: Rule.pdevPerOutput, summary: 'Two PDEVs of one output are enabled.' },
    { id: Rule.pdevDisabledCall, summary: 'A function not allowed on a disabled PDEV is called with one.' },
    { id: Rule.pdevLifecycle, summary: 'A PDEV is used before it exists or after it is destroyed.' },
  ],
  help: 'The contract monitors check every state against the rules the OS guarantees about which calls are in the driver together. '
    + 'They stand on the WDDM threading pages (threading-and-synchronization-zero-level.md to -third-level.md, thread-synchronization-and-tdr.md, managing-pdevs.md): '
    + '"no two threads in the driver at the same time may belong to one process"; level 1: "at most one thread in the driver in any function of one class at a time"; '
    + 'levels 2 and 3: "only the calling thread is in the driver" and the hardware is idle; DxgkDdiResetFromTimeout "runs synchronously with every other KMD function except the runtime power functions"; '
    + 'and "only one thread at a time may be in the display driver with an enabled PDEV". A model turns a rule off with contract: { ignore: [id] }.',
};

/** The OS environment's monitor as a monitor: on every state reached, the first rule the calls in the driver break. Null without an OS environment. */
export function contractMonitor<S>(engine: Engine<S>): Monitor<S> | null {
  const env = engine.sys.env;
  if (!env) return null;
  return {
    name: contract.name,
    needsAllEnabled: false,
    onState(_state: S, vec: Int32Array): Finding | null {
      const o = env.monitor(vec);
      return o ? { property: o.rule, message: o.message, kind: 'state' } : null;
    },
  };
}
