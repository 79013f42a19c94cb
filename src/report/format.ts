/** Number and time formatting shared by the reports. */
export const num = (n: number): string => Math.round(n).toLocaleString('en-US');
export const secs = (s: number): string => (s < 10 ? s.toFixed(2) : s.toFixed(1));
export const sci = (p: number): string => (p === 0 ? '0' : p < 1e-3 ? p.toExponential(1) : p.toFixed(4));
export function pad(s: string, w: number): string { return s.length >= w ? s : s + ' '.repeat(w - s.length); }
export function clip(s: string, w: number): string { return s.length <= w ? s : `${s.slice(0, Math.max(0, w - 1))}…`; }
