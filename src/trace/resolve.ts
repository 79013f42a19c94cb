/**
 * Recorded choices are names (context and step), not action ids: the ids of a
 * model change whenever a step is added anywhere, the names only when the steps
 * a trace took changed. A choice resolves among the steps that can run now; if
 * none has its names, the reason says whether the step is gone or merely not
 * reachable there, which is what a reader of "step 7 no longer replays" needs.
 */
import type { System, Action } from '../engine/system.js';
import type { TraceChoice } from './format.js';
import type { Pick } from './run.js';
import { showSlot } from '../explore/steps.js';

const contextName = (sys: System, a: Action): string | null => (a.ctx >= 0 ? sys.contexts[a.ctx].info.name : null);

/** The stable identifier of an action. */
export function choiceOf(sys: System, id: number): TraceChoice {
  const a = sys.actions[id];
  return { context: contextName(sys, a), action: a.name, id };
}

/** How a choice reads in a message: `worker0: worker/write`. */
export function choiceText(c: TraceChoice): string {
  return c.context === null ? c.action : `${c.context}: ${c.action}`;
}

/** A Pick that resolves recorded choices by name among the current candidates. */
export function resolveChoices(sys: System, choices: readonly TraceChoice[]): Pick {
  const known = new Set(sys.actions.map((a) => `${contextName(sys, a)}\u0000${a.name}`));
  const contexts = new Set(sys.contexts.map((c) => c.info.name));
  return (i, cands, vec) => {
    const c = choices[i];
    const matching = cands.filter((id) => sys.actions[id].name === c.action && contextName(sys, sys.actions[id]) === c.context);
    if (matching.length > 0) return matching.includes(c.id) ? c.id : matching[0];
    if (c.context !== null && !contexts.has(c.context)) return { miss: `names context ${c.context}, which this model and scenario do not have (contexts: ${[...contexts].join(', ')})` };
    if (!known.has(`${c.context}\u0000${c.action}`)) return { miss: `names the step "${c.action}", which ${c.context ?? 'the environment'} no longer has` };
    if (c.context === null) return { miss: 'cannot happen here' };
    const ci = sys.contexts.findIndex((x) => x.info.name === c.context);
    const at = showSlot(sys, sys.slots.pc[ci], vec[sys.slots.pc[ci]]);
    return { miss: `cannot run here: ${c.context} is at ${String(at)}` };
  };
}
