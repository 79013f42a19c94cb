/**
 * The IRQL each call starts at in driver mode: every level the DDI's reference
 * page names (the catalog's entry IRQLs), unless the model's handler narrows it
 * with a stated, sourced condition, which the verdict's bounds then show. A
 * plain level name on a DDI handler must be the page's own: a model cannot
 * quietly run SubmitCommand at PASSIVE_LEVEL when Windows calls it at
 * DISPATCH_LEVEL.
 */
import { entryIrqls } from '../contract/irql.js';
import { irqlName, irqlValue, type IrqlName } from '../model/kernel/irql.js';
import type { IrqlCondition, Procedure } from '../model/define.js';
import type { CallKind } from '../os/calls.js';
import { InputError } from '../errors.js';

export interface EntryIrqls {
  /** Per call kind: the IRQLs (numbers, lowest first) a call of it starts at. */
  readonly byKind: readonly (readonly number[])[];
  /** What the model narrowed, for the bounds: "DxgkDdiX entered at PASSIVE_LEVEL only (because; source)". */
  readonly notes: readonly string[];
}

const isCondition = (v: unknown): v is IrqlCondition => typeof v === 'object' && v !== null;

/**
 * Entry IRQLs of `calls`. `handler(ddi)` is the model's procedure for a DDI (or
 * undefined); `fixed` is the IRQL for calls that run a dispatcher or client
 * procedure instead (conformance mode: the OS side runs at its own IRQL).
 */
export function planEntryIrqls(calls: readonly CallKind[], handler: (ddi: string) => Procedure<unknown> | undefined, fixed: number | null, where: string): EntryIrqls {
  const notes: string[] = [];
  const noted = new Set<string>();
  const byKind = calls.map((k) => {
    const page = entryIrqls(k.entry, k.flags).map((l) => irqlValue(l as IrqlName));
    if (fixed !== null) return [fixed];
    const irql = handler(k.ddi)?.irql;
    if (irql === undefined) return page;
    const at = `${where}: ddis.${k.ddi}.irql`;
    const pageText = page.map(irqlName).join(' or ');
    if (!isCondition(irql)) {
      const v = irqlValue(irql as IrqlName);
      if (v === undefined) throw new InputError(at, `is "${String(irql)}", not an IRQL`, 'use PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL or HIGH_LEVEL');
      if (page.length === 1 && page[0] === v) return page;
      throw new InputError(at, `says ${irql}, but the OS calls ${k.ddi} at ${pageText} (its reference page)`,
        `drop irql to take the page's, or narrow it with irql: { level: '${irql}', because: 'the condition the driver sets up', source: 'the page that says so' }`);
    }
    const v = irqlValue(irql.level);
    if (v === undefined) throw new InputError(at, `has level "${String(irql.level)}", not an IRQL`, 'use PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL or HIGH_LEVEL');
    if (typeof irql.because !== 'string' || irql.because.trim() === '' || typeof irql.source !== 'string' || irql.source.trim() === '') {
      throw new InputError(at, 'narrows the entry IRQL without saying why', 'give because: (the condition) and source: (the page or driver file that documents it)');
    }
    if (v > page[page.length - 1]) throw new InputError(at, `raises ${k.ddi} to ${irql.level}, above the ${pageText} its page gives`, 'a model may only lower a DDI\'s entry IRQL');
    if (!noted.has(k.ddi)) {
      noted.add(k.ddi);
      notes.push(`${k.ddi} entered at ${irql.level} only (model: ${irql.because}; ${irql.source})`);
    }
    return [v];
  });
  return { byKind, notes };
}
