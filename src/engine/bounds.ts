/**
 * A verdict's bounds in words: who calls the driver and how often, the
 * interrupts, TDRs and PDEVs, and every knob that narrows the schedules the OS
 * may produce (a policy, the pointer DDIs' stronger reading, `isr.when`, MSI or
 * no spurious calls, a DDI's lowered entry IRQL). A model checker that hides its
 * bounds misleads.
 */
import type { AnyModel } from '../model/define.js';
import { independent } from '../contract/irql.js';
import type { CallPlan } from './call-plan.js';
import { interruptBounds } from './interrupts.js';
import { adapterBounds, planAdapters } from './adapters.js';
import type { ScenarioPlan } from './scenario.js';

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

export interface BoundsInput {
  readonly model: AnyModel;
  readonly plan: ScenarioPlan;
  readonly calls: CallPlan;
  readonly pointerIndependent: boolean;
  /** Entry IRQLs a model narrowed ("DxgkDdiX entered at ... only (...)"). */
  readonly irqlNotes: readonly string[];
}

export function boundsText({ model, plan, calls: cp, pointerIndependent, irqlNotes }: BoundsInput): string {
  const { sc, processes, threadsPerProcess: tpp, sessions } = plan;
  const { specs, perCall, callsPerThread, procSpecs, kindsOf, calls, mode } = cp;
  const hasCalls = cp.allSpecs.length > 0;
  const viaProcedure = sc.dispatcher !== undefined || sc.clients !== undefined;
  const threads = processes * tpp;
  const parts: string[] = [];
  if (hasCalls || sc.clients !== undefined) parts.push(`${processes} process${processes === 1 ? '' : 'es'} x ${plural(tpp, 'thread')}`);
  if (sessions > 1) parts.push(plural(sessions, 'session'));
  if (hasCalls) {
    // Per-DDI counts are each thread's own budget: say so when there is more than one thread.
    if (perCall) parts.push(`${threads > 1 ? `each of ${threads} threads calls` : 'calls'} ${specs.map((d, i) => `${d as string} x${perCall[i]}`).join(', ')}`);
    else parts.push(`${plural(callsPerThread, 'call')} per thread`);
  }
  if (hasCalls && procSpecs.length > 0) {
    const who = (p: number): string => { const ks = kindsOf(p); return ks.length ? `process ${p} calls ${ks.map((k) => calls[k].key).join(', ')}` : `process ${p} makes no calls`; };
    parts.push(Array.from({ length: processes }, (_, p) => who(p)).join('; '));
  }
  for (const [w, n] of plan.workers) if (n > 0) parts.push(`${n} ${w} thread${n === 1 ? '' : 's'}`);
  const adapters = adapterBounds(planAdapters(sc, plan.where));
  if (adapters) parts.push(adapters);
  if (plan.interrupts.count > 0) parts.push(interruptBounds(plan.interrupts, model.isr?.when !== undefined));
  if (plan.tdrs > 0) parts.push(plural(plan.tdrs, 'TDR'));
  if (plan.lifecycle) {
    const l = plan.lifecycle;
    const events = [l.start ? 'DxgkDdiStartDevice first' : '', l.surpriseRemoval ? 'a surprise removal' : '', l.stop ? 'DxgkDdiStopDevice last' : ''].filter((e) => e);
    parts.push(`PnP thread: ${events.join(', ')}`);
  }
  if (plan.bugcheck) parts.push(`the system may halt (bugcheck) at any point: DxgkDdiSystemDisplayEnable then ${plural(plan.bugcheck.writes, 'DxgkDdiSystemDisplayWrite')}, at every IRQL up to HIGH_LEVEL`);
  if (plan.pdevs > 0) parts.push(`${plural(plan.pdevs, 'PDEV')} on ${plural(plan.outputs, 'output')}`);
  if (mode === 'driver' && sc.policy !== undefined && sc.policy !== 'driver') parts.push(`policy ${sc.policy} (conflicting facts take the stronger guarantee)`);
  if (mode === 'driver' && !pointerIndependent && calls.some((k) => independent(k.entry))) parts.push('pointer DDIs kept out of level-2/3 calls (pointerIndependent: false)');
  if (!viaProcedure) parts.push(...irqlNotes);
  return parts.join(', ') || 'no bounds';
}
