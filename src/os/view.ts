/**
 * What the OS side and the adapter read of a compiled system: the calls and
 * their slots, the contexts' identities, the TDR script, the PDEVs and the
 * adapter. A narrow view instead of the engine's whole `System`, so os/ and
 * adapter/ sit below the engine that compiles it.
 */
import type { ContextInfo } from '../model/kernel/core.js';
import type { CallKind } from './calls.js';
import type { TdrScript } from './tdr.js';
import type { LifecycleScript } from './lifecycle.js';
import type { BugcheckScript } from './bugcheck.js';

export interface OsView {
  readonly model: { readonly contract?: { readonly ignore?: readonly string[] } };
  readonly calls: readonly CallKind[];
  readonly contexts: readonly { readonly info: ContextInfo; readonly inDriverSlot: number }[];
  readonly slots: { readonly call: readonly number[] };
  readonly layout: { readonly bySlotPath: ReadonlyMap<string, number>; readonly width: number };
  readonly tdr: TdrScript | null;
  /** The OS's own TDR thread, or -1. */
  readonly tdrContext: number;
  /** The PnP thread's lifecycle script and context, or null and -1. */
  readonly lifecycle: LifecycleScript | null;
  readonly pnpContext: number;
  /** The bugcheck display path's script and the BUGCHECK context, or null and -1. */
  readonly bugcheck: BugcheckScript | null;
  readonly bugcheckContext: number;
  readonly pdevs: number;
  readonly outputs: number;
  readonly pointerIndependent: boolean;
  /** The compiled adapter, as far as the OS side reads it. */
  readonly adapter: {
    readonly queues: readonly { readonly name: string; readonly depth: number; readonly order: 'fifo' | 'any'; readonly component: number; readonly source: number; readonly device: boolean }[];
    readonly sources: readonly string[];
    readonly components: number;
    readonly maxHangs: number;
  } | null;
}
