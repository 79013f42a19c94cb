/** Interrupt request levels, as the kernel numbers them on x64. */
export const PASSIVE_LEVEL = 0;
export const APC_LEVEL = 1;
export const DISPATCH_LEVEL = 2;
/** A device IRQL: where the ISR runs and where the interrupt lock is held. */
export const DIRQL = 5;
export const HIGH_LEVEL = 15;
export const MAX_IRQL = HIGH_LEVEL;

export type IrqlName = 'PASSIVE_LEVEL' | 'APC_LEVEL' | 'DISPATCH_LEVEL' | 'DIRQL' | 'HIGH_LEVEL';
const byName: Record<IrqlName, number> = { PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL, HIGH_LEVEL };

export function irqlValue(name: IrqlName): number { return byName[name]; }
export function irqlName(n: number): string {
  for (const [k, v] of Object.entries(byName)) if (v === n) return k;
  return `IRQL ${n}`;
}
