/** The one builder every row file uses, so rows stay short and uniform. */
import { ddiPage, listed } from './sources.js';
import type { DdiEntry, Exemption, Family, Level, LevelFact, Source, TdrRole } from './types.js';

/** Optional parts of a row. */
export interface RowOptions {
  readonly family?: Family;
  /** Short form of the DDI's reference page (see `ddiPage`). */
  readonly page?: string;
  readonly irql?: string;
  readonly irqlWhen?: DdiEntry['irqlWhen'];
  readonly idles?: DdiEntry['idles'];
  /** Facts beyond the list membership (or instead of it, with `unlisted`). */
  readonly facts?: readonly LevelFact[];
  /** True when the DDI is on no level list: only `facts` count. */
  readonly unlisted?: boolean;
  readonly perInstance?: string;
  readonly refs?: readonly Source[];
  readonly exemptions?: readonly Exemption[];
  readonly tdr?: TdrRole;
  readonly notes?: readonly string[];
}

/**
 * A miniport-side row whose default rule is `level` (and `klass` at level 1).
 * Unless `unlisted`, its first fact is the membership of that level's list.
 */
export function row(name: string, level: Level, klass: string | null, opts: RowOptions = {}, perChild = false): DdiEntry {
  const facts = opts.unlisted
    ? [...(opts.facts ?? [])]
    : [listed(level, klass ?? undefined, perChild), ...(opts.facts ?? [])];
  const entry: DdiEntry = {
    name,
    family: opts.family ?? 'miniport',
    level,
    class: klass,
    perChild,
    facts,
    ...(opts.perInstance !== undefined ? { perInstance: opts.perInstance } : {}),
    ...(opts.refs ? { refs: opts.refs } : {}),
    ...(opts.page !== undefined ? { refPage: ddiPage(opts.page) } : {}),
    ...(opts.irql !== undefined ? { irql: opts.irql } : {}),
    ...(opts.irqlWhen !== undefined ? { irqlWhen: opts.irqlWhen } : {}),
    ...(opts.idles !== undefined ? { idles: opts.idles } : {}),
    ...(opts.exemptions ? { exemptions: opts.exemptions } : {}),
    ...(opts.tdr ? { tdr: opts.tdr } : {}),
    ...(opts.notes ? { notes: opts.notes } : {}),
  };
  return entry;
}
