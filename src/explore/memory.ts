/**
 * The memory budget of a search. The visited set, the parent links, the state
 * graph and the frontier are typed arrays outside the JavaScript heap, which
 * grow by doubling; a search that outgrows the machine is not stopped by the
 * heap limit but killed by the operating system, with no report at all. So the
 * explorer checks, before each growth of the visited set and between states for
 * the frontier, that the next doubling still fits the budget, and ends as
 * inconclusive (with its report and stats) when it would not.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The share of the machine's available memory a search takes by default (the rest: Node, the model, other processes). */
export const DEFAULT_SHARE = 0.75;

/** Available memory in MB: MemAvailable from /proc/meminfo where there is one (it counts reclaimable caches), else os.freemem(). */
export function availableMB(): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux: fall back */ }
  return os.freemem() / (1024 * 1024);
}

/** The default memory budget in MB: a share of what is available when the search starts. */
export function defaultMemoryMB(): number {
  return Math.floor(availableMB() * DEFAULT_SHARE);
}

const MB = 1024 * 1024;
const mb = (bytes: number): string => (bytes / MB).toFixed(1);

/** The reason an inconclusive search gives when its next growth (of `what`, by `growth` bytes) would not fit. */
export function memoryReason(budgetMB: number, what: 'the visited set' | 'the frontier', inUse: number, growth: number, stored: number, waiting: number): string {
  const held = `(${stored} states stored, ${waiting} waiting); set a state budget, search depth-first, or raise the memory budget (--memory-mb; memoryMB in a CI budget)`;
  if (inUse > budgetMB * MB) return `memory budget of ${budgetMB} MB ran out: the visited set, parent links, state graph and frontier hold ${mb(inUse)} MB ${held}`;
  return `memory budget of ${budgetMB} MB would run out: ${what} would grow by ${mb(growth)} MB beside the ${mb(inUse)} MB in use ${held}`;
}
