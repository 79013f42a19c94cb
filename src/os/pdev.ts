/**
 * PDEV lifecycles of a GDI display driver (managing-pdevs.md), as the OS keeps
 * them: DrvEnablePDEV creates a disabled PDEV, DrvAssertMode enables it from its
 * entry (so the call itself counts as one with an enabled PDEV) or disables it as
 * it returns, DrvDisablePDEV destroys a disabled one. Which function does what
 * is the catalog row's `pdevRole`; the rules on them are in rules.ts.
 */
import type { CallKind } from './calls.js';

/** PDEV states as the environment tracks them. */
export type PdevState = 'none' | 'disabled' | 'enabled';
export const PDEV_STATES: readonly PdevState[] = ['none', 'disabled', 'enabled'];
const NONE = 0;
const DISABLED = 1;
const ENABLED = 2;

/** A call that creates or destroys its PDEV. */
export const lifecycleCall = (k: CallKind): boolean => k.entry.pdevRole === 'create' || k.entry.pdevRole === 'destroy';
/** A DrvAssertMode that enables its PDEV. */
export const enablesPdev = (k: CallKind): boolean => k.entry.pdevRole === 'assert-mode' && k.flags.enable === true;

/** The PDEV state after call `k` enters, given the state before (unchanged for most calls). */
export function pdevOnEnter(k: CallKind, state: number): number {
  return enablesPdev(k) && state !== NONE ? ENABLED : state;
}

/** The PDEV state after call `k` returns, given the state then. */
export function pdevOnLeave(k: CallKind, state: number): number {
  switch (k.entry.pdevRole) {
    case 'create': return DISABLED;
    case 'destroy': return NONE;
    case 'assert-mode': return k.flags.enable !== true && state !== NONE ? DISABLED : state;
    default: return state;
  }
}
