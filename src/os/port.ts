/**
 * What a step may ask of the OS side: which call it is serving (DDI, child,
 * PDEV, flags), and, for a dispatcher in conformance mode, letting that call
 * into the driver and out again. Entering checks the contract's entry rules
 * (TDR order, PDEV state, adapter idle for level 2/3); the monitors check the
 * overlap of everything in the driver on every state.
 */
import type { KernelCore } from '../model/kernel/core.js';
import { Property } from '../model/violation.js';
import type { OsView } from './view.js';
import type { OsEnvironment } from './environment.js';
import type { CallInfo, OsOps } from '../model/kernel/ports.js';
import type { CallKind } from './calls.js';

export type { CallInfo } from '../model/kernel/ports.js';

export class OsPort implements OsOps {
  constructor(private readonly sys: OsView, private readonly env: OsEnvironment) {}

  private kind(k: KernelCore): CallKind | null {
    const slot = this.sys.slots.call[k.ctx.id];
    if (slot < 0) return null;
    const v = k.m.get(slot);
    return v === 0 ? null : this.sys.calls[v - 1];
  }

  callInfo(k: KernelCore): CallInfo | null {
    const c = this.kind(k);
    if (!c) return null;
    return { ddi: c.ddi, key: c.key, level: c.rule.level, class: c.rule.class, family: c.entry.family, child: c.child, pdev: c.pdev, instance: c.instance, flags: c.flags };
  }

  enterDriver(k: KernelCore): void {
    const c = this.kind(k);
    const ctx = this.sys.contexts[k.ctx.id];
    if (!c || ctx.inDriverSlot < 0) k.fail(Property.assertion, `${k.ctx.name} calls k.enterDriver() outside a dispatched call (only a scenario's dispatcher procedure may)`);
    if (k.m.get(ctx.inDriverSlot) === 1) k.fail(Property.lockDiscipline, `${k.ctx.name} enters the driver twice for one call (${c.key})`);
    const env = this.env;
    const vec = Int32Array.from({ length: this.sys.layout.width }, (_, i) => k.m.get(i));
    const o = env.entryCheck(vec, k.ctx.id, c.index);
    if (o) k.fail(o.rule, o.message);
    k.m.set(ctx.inDriverSlot, 1);
    env.onEnter(k.m, vec, c.index, false);
  }

  leaveDriver(k: KernelCore): void {
    const c = this.kind(k);
    const ctx = this.sys.contexts[k.ctx.id];
    if (!c || ctx.inDriverSlot < 0 || k.m.get(ctx.inDriverSlot) !== 1) k.fail(Property.lockDiscipline, `${k.ctx.name} leaves the driver without having entered it`);
    k.m.set(ctx.inDriverSlot, 0);
    this.env.onLeave(k.m, c.index, k.ctx.id);
  }
}
