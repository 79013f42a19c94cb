/**
 * How a scenario's interrupts are delivered. Line-based interrupts (the
 * default) may be shared: "the ISR must determine whether the adapter generated
 * the interrupt and, if not, return FALSE" (DxgkDdiInterruptRoutine), so the ISR
 * is called whether or not the device raised anything. Message-signaled ones are
 * not shared: the ISR runs for a message only when the device raised it.
 */
import type { Scenario } from '../model/define.js';
import { InputError } from '../errors.js';

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

const intIn = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Reads `interrupts` of a scenario; throws InputError naming the field at fault. */
export function planInterrupts(sc: Scenario, where: string, adapter: boolean): InterruptPlan {
  const v: unknown = sc.interrupts;
  const at = `${where}: interrupts`;
  const spuriousDefault = (count: number): number => (adapter && count > 0 ? 1 : 0);
  if (v === undefined) return { count: 0, kind: 'line', messages: 1, spurious: 0 };
  if (typeof v === 'number') {
    if (!intIn(v, 0, 64)) throw new InputError(at, `must be an integer from 0 to 64, got ${JSON.stringify(v)}`);
    return { count: v, kind: 'line', messages: 1, spurious: spuriousDefault(v) };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(at, `must be a count or { count, kind, messages }, got ${JSON.stringify(v)}`);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!['count', 'kind', 'messages', 'spurious'].includes(key)) throw new InputError(`${at}.${key}`, 'is not an interrupts field', 'known fields: count, kind, messages, spurious');
  const count = o.count ?? 1;
  if (!intIn(count, 0, 64)) throw new InputError(`${at}.count`, `must be an integer from 0 to 64, got ${JSON.stringify(o.count)}`);
  const kind = o.kind ?? 'line';
  if (kind !== 'line' && kind !== 'msi') throw new InputError(`${at}.kind`, `must be "line" or "msi", got ${JSON.stringify(o.kind)}`);
  const messages = o.messages ?? 1;
  if (!intIn(messages, 1, 8)) throw new InputError(`${at}.messages`, `must be an integer from 1 to 8, got ${JSON.stringify(o.messages)}`);
  if (kind === 'line' && messages !== 1) throw new InputError(`${at}.messages`, 'is set for a line-based interrupt, which has one', "write kind: 'msi' for message-signaled interrupts");
  const spurious = o.spurious ?? (kind === 'msi' ? 0 : spuriousDefault(count as number));
  if (!intIn(spurious, 0, 8)) throw new InputError(`${at}.spurious`, `must be an integer from 0 to 8, got ${JSON.stringify(o.spurious)}`);
  if (kind === 'msi' && spurious !== 0) throw new InputError(`${at}.spurious`, 'is set for MSI, which is never shared', "drop spurious, or use kind: 'line'");
  if (!adapter && spurious !== 0) throw new InputError(`${at}.spurious`, 'needs an adapter: without one the ISR may already be called at any time', 'drop spurious, or declare adapter: { ... }');
  const noSpurious = kind === 'line' && adapter && spurious === 0 && (count as number) > 0;
  return { count: count as number, kind, messages: messages as number, spurious: spurious as number, ...(noSpurious ? { noSpurious } : {}) };
}

/** The interrupts part of a verdict's bounds. */
export function interruptBounds(p: InterruptPlan, narrowed: boolean): string {
  const n = `${p.count} interrupt${p.count === 1 ? '' : 's'}`;
  const how = p.kind === 'msi' ? ` (MSI${p.messages > 1 ? `, ${p.messages} messages` : ''}: only when the device raises one)`
    : p.spurious > 0 ? ` and ${p.spurious} spurious (shared line)` : p.noSpurious ? ' (no spurious calls: spurious: 0)' : '';
  return `${n}${how}${narrowed ? ' (narrowed by the model\'s isr.when)' : ''}`;
}
