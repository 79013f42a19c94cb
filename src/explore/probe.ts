/**
 * The sink of a state expanded at the depth budget: it only asks whether the
 * state has a move (then the budget cut the search) and keeps a finding (a
 * state with no move may still be a deadlock). The one-thread and the parallel
 * search both use it.
 */
import type { Finding } from '../../properties/monitor.js';
import { STOP, type Answer, type Sink } from './expand.js';

export class Probe implements Sink<unknown> {
  moved = false;
  finding: Finding | null = null;
  failed(): boolean { this.moved = true; return true; }
  successor(): Answer { this.moved = true; return STOP; }
  admit(): void {}
  found(f: Finding): void { this.finding = f; }
}
