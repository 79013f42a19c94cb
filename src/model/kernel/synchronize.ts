/**
 * The interrupt lock. KeSynchronizeExecution (DxgkCbSynchronizeExecution for a
 * display miniport) raises to DIRQL, takes the interrupt spin lock, calls the
 * synchronize routine and returns its result: the way a DDI touches state the
 * ISR also touches. The step waits while the ISR runs; calling it from the ISR
 * (which already holds the lock) or above DIRQL is an IRQL violation.
 */
import { INTERRUPT_LOCK_SLOT, type KernelCore } from './core.js';
import { DIRQL, irqlName } from './irql.js';
import { Property } from '../violation.js';

export function synchronizeExecution<T>(k: KernelCore, f: () => T): T {
  if (k.ctx.kind === 'isr') k.fail(Property.irql, `${k.ctx.name} calls KeSynchronizeExecution from the ISR, which already holds the interrupt lock`);
  const irql = k.irql;
  if (irql > DIRQL) k.fail(Property.irql, `${k.ctx.name} calls KeSynchronizeExecution at ${irqlName(irql)}`);
  const isr = k.sys.isrContext;
  if (isr >= 0 && k.m.get(k.sys.pc[isr]) !== k.sys.idlePc) k.block();
  k.irql = DIRQL;
  k.m.held(INTERRUPT_LOCK_SLOT, true);
  const r = f();
  k.m.held(INTERRUPT_LOCK_SLOT, false);
  k.irql = irql;
  return r;
}
