/**
 * The adapter's hardware rules: what a driver may not do to the simulated GPU.
 * Detected inline by the adapter (src/adapter/hw.ts) when a step touches the
 * hardware; this family names them and says where they come from.
 */
import type { Family } from './monitor.js';
import { Rule } from '../src/property-ids.js';

export const adapter: Family = {
  name: 'adapter rules',
  properties: [
    { id: Rule.gpuPoweredDown, summary: 'The GPU is touched while the adapter is powered down.' },
    { id: Rule.gpuInCleanup, summary: 'The GPU is touched in a TDR cleanup call.' },
    { id: Rule.gpuAfterRemoval, summary: 'The GPU is touched after DxgkDdiNotifySurpriseRemoval: the device is gone.' },
    { id: Rule.frameBufferDuringReset, summary: 'The frame buffer is touched while the reset runs.' },
    { id: Rule.fenceOrder, summary: 'DMA fences are reported completed out of order.' },
  ],
  help: 'Steps touch the hardware only through the simulated adapter, so hardware rules are checkable. '
    + 'thread-synchronization-and-tdr.md: during the TDR cleanup calls "the driver should not access the GPU ... unless it must", and "applications cannot access the frame buffer" during DxgkDdiResetFromTimeout; '
    + 'nc-dispmprt-dxgkddi_notify_surprise_removal.md: after a surprise removal the driver "must not touch or clean any hardware settings"; '
    + 'a queue bound to a runtime power component may be used only while the component is in F0 (docs/models.md), and fences complete in order.',
};

/** The GPU touched in a TDR cleanup call. */
export const gpuInCleanup = (ctx: string, what: string, call: string): string => `${ctx} ${what} during ${call}, a TDR cleanup call: the GPU was just reset and the OS expects the driver to leave it alone`;
/** Fences reported out of order. */
export const fenceOutOfOrder = (ctx: string, fence: number, last: number): string => `${ctx} reports fence ${fence} completed after fence ${last}: fences complete in order`;
