/**
 * Call kinds: the distinct calls a scenario lets OS threads make. A call is a
 * DDI of the catalog plus what the contract's rules depend on: the child device
 * (child I/O is synchronized per child), the PDEV (for display-driver calls),
 * a per-instance key (a power component, a hardware queue) and call flags
 * (Escape's HardwareAccess). Each kind is bound to its catalog row and resolved
 * rule once, when the system is compiled.
 */
import type { Catalog, DdiEntry, LevelPolicy } from '../contract/index.js';
import { findDdi, resolveRule, type ResolvedRule } from '../contract/index.js';
import { InputError } from '../errors.js';

export type { CallSpec } from '../model/define.js';
import type { CallSpec } from '../model/define.js';

export interface CallKind {
  readonly index: number;
  /** Display name: `DxgkDdiQueryChildStatus[child 1]`. */
  readonly key: string;
  readonly ddi: string;
  readonly entry: DdiEntry;
  readonly rule: ResolvedRule;
  readonly child: number;
  readonly pdev: number;
  readonly instance: number;
  readonly flags: Readonly<Record<string, boolean>>;
}

export function callKey(spec: CallSpec): string {
  if (typeof spec === 'string') return spec;
  const args: string[] = [];
  if (spec.child !== undefined) args.push(`child ${spec.child}`);
  if (spec.pdev !== undefined) args.push(`pdev ${spec.pdev}`);
  if (spec.instance !== undefined) args.push(`#${spec.instance}`);
  for (const [k, v] of Object.entries(spec.flags ?? {})) args.push(v ? k : `!${k}`);
  return args.length ? `${spec.ddi}[${args.join(', ')}]` : spec.ddi;
}

/**
 * Binds a scenario's call specs to the catalog (a key listed twice is one kind);
 * throws InputError naming the bad element. `field` is the scenario field the
 * specs come from (`calls`, `processCalls[1]`), for the messages.
 */
export function bindCalls(specs: readonly CallSpec[], cat: Catalog, policy: LevelPolicy, where: string, field = 'calls'): CallKind[] {
  const kinds: CallKind[] = [];
  const at = field === 'calls' ? where : `${where}: ${field}`;
  for (const spec of specs) {
    const ddi = typeof spec === 'string' ? spec : spec?.ddi;
    if (typeof ddi !== 'string') throw new InputError(`${where}: ${field}`, `has an entry that is neither a DDI name nor { ddi, ... }: ${JSON.stringify(spec)}`);
    const entry = findDdi(cat, ddi);
    if (!entry) throw new InputError(`${where}: ${field}`, `names "${ddi}", which is not in the contract catalog`, 'check the spelling (ddicheck catalog lists every DDI), or add it with contract: { extend: { ddis: [...] } }');
    const o: Exclude<CallSpec, string> = typeof spec === 'string' ? { ddi } : spec;
    for (const f of ['child', 'pdev', 'instance'] as const) {
      const v = o[f];
      if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 15)) throw new InputError(`${at}: call ${callKey(spec)}`, `${f} must be an integer from 0 to 15`);
    }
    if (entry.family === 'display-driver' && o.pdev === undefined) throw new InputError(`${at}: call ${ddi}`, 'is a display-driver function and needs a pdev', `write { ddi: '${ddi}', pdev: 0 }`);
    const key = callKey(spec);
    if (kinds.some((k) => k.key === key)) continue;
    kinds.push({
      index: kinds.length, key, ddi, entry, rule: resolveRule(entry, policy, o.flags),
      child: o.child ?? 0, pdev: o.pdev ?? -1, instance: o.instance ?? 0, flags: o.flags ?? {},
    });
  }
  return kinds;
}
