/**
 * How a scenario's interrupts are delivered. Line-based interrupts (the
 * default) may be shared: "the ISR must determine whether the adapter generated
 * the interrupt and, if not, return FALSE" (DxgkDdiInterruptRoutine), so the ISR
 * is called whether or not the device raised anything. Message-signaled ones are
 * not shared: the ISR runs for a message only when the device raised it.
 */
import type { Scenario } from '../model/define.js';
import { InputError } from '../errors.js';
import { count } from './call-plan.js';

export interface InterruptPlan {
  /** ISR invocations the scenario allows (for a model with an adapter: for interrupts the device raised). */
  readonly count: number;
  /**
   * Line-based, with an adapter: further ISR invocations while the device has
   * raised nothing (another device on a shared line), counted apart so they never
   * use up the device's own (default 1; 0 for MSI, or without an adapter, whose
   * ISR may be called at any time within `count` anyway).
   */
  readonly spurious: number;
  /** True when the scenario turned spurious calls off for a line-based interrupt of a device (a narrowing, shown in the bounds). */
  readonly noSpurious?: boolean;
  readonly kind: 'line' | 'msi';
  /** MSI message numbers (1 for a line-based interrupt). */
  readonly messages: number;
}

/** Reads `interrupts` of a scenario; throws InputError naming the field at fault. */
export function planInterrupts(sc: Scenario, where: string, adapter: boolean): InterruptPlan {
  const v: unknown = sc.interrupts;
  const at = `${where}: interrupts`;
  const spuriousDefault = (count: number): number => (adapter && count > 0 ? 1 : 0);
  if (v === undefined) return { count: 0, kind: 'line', messages: 1, spurious: 0 };
  if (typeof v === 'number') {
    const n = count(v, at);
    return { count: n, kind: 'line', messages: 1, spurious: spuriousDefault(n) };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(at, `must be a count or { count, kind, messages }, got ${JSON.stringify(v)}`);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!['count', 'kind', 'messages', 'spurious'].includes(key)) throw new InputError(`${at}.${key}`, 'is not an interrupts field', 'known fields: count, kind, messages, spurious');
  const n = o.count === undefined ? 1 : count(o.count, `${at}.count`);
  const kind = o.kind ?? 'line';
  if (kind !== 'line' && kind !== 'msi') throw new InputError(`${at}.kind`, `must be "line" or "msi", got ${JSON.stringify(o.kind)}`);
  const messages = count(o.messages, `${at}.messages`, 1, 8);
  if (kind === 'line' && messages !== 1) throw new InputError(`${at}.messages`, 'is set for a line-based interrupt, which has one', "write kind: 'msi' for message-signaled interrupts");
  const spurious = o.spurious === undefined ? (kind === 'msi' ? 0 : spuriousDefault(n)) : count(o.spurious, `${at}.spurious`, 0, 8);
  if (kind === 'msi' && spurious !== 0) throw new InputError(`${at}.spurious`, 'is set for MSI, which is never shared', "drop spurious, or use kind: 'line'");
  if (!adapter && spurious !== 0) throw new InputError(`${at}.spurious`, 'needs an adapter: without one the ISR may already be called at any time', 'drop spurious, or declare adapter: { ... }');
  const noSpurious = kind === 'line' && adapter && spurious === 0 && n > 0;
  return { count: n, kind, messages, spurious, ...(noSpurious ? { noSpurious } : {}) };
}

/** The interrupts part of a verdict's bounds. */
export function interruptBounds(p: InterruptPlan, narrowed: boolean): string {
  const n = `${p.count} interrupt${p.count === 1 ? '' : 's'}`;
  const how = p.kind === 'msi' ? ` (MSI${p.messages > 1 ? `, ${p.messages} messages` : ''}: only when the device raises one)`
    : p.spurious > 0 ? ` and ${p.spurious} spurious (shared line)` : p.noSpurious ? ' (no spurious calls: spurious: 0)' : '';
  return `${n}${how}${narrowed ? ' (narrowed by the model\'s isr.when)' : ''}`;
}
