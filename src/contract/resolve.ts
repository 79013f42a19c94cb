/**
 * Settling an entry's facts into the one rule the checker applies to a call:
 * which facts apply to the call's flags, and, when they disagree, which wins.
 */
import type { DdiEntry, Level, LevelFact, LevelPolicy } from './types.js';

/** Flags of one call that select conditional facts, e.g. `{ HardwareAccess: true }`. */
export type CallFlags = Readonly<Record<string, boolean>>;

/** The rule for one call: what the contract lets run beside it. */
export interface ResolvedRule {
  readonly level: Level | null;
  /** Level-1 (or Miracast level-2) class; null at level 1 means a class of its own. */
  readonly class: string | null;
  readonly perChild: boolean;
  readonly perInstance?: string;
  /** The fact the rule comes from; absent when it is the entry's default. */
  readonly fact?: LevelFact;
}

/** True when no flag named in the fact's `when` is given with another value. */
export function factApplies(fact: LevelFact, flags?: CallFlags): boolean {
  if (!fact.when || !flags) return true;
  return Object.entries(fact.when).every(([k, v]) => !(k in flags) || flags[k] === v);
}

/** True when two facts can hold for one call (their conditions do not contradict). */
export function factsCoexist(a: LevelFact, b: LevelFact): boolean {
  if (!a.when || !b.when) return true;
  return Object.entries(a.when).every(([k, v]) => !(k in b.when!) || b.when![k] === v);
}

/** The class a fact claims: its class, `<self>` when serialized with itself only, or undefined when unstated. */
function claimedClass(f: LevelFact): string | undefined {
  return f.class ?? (f.selfOnly ? '<self>' : undefined);
}

/** True when two facts make the same claim (an unstated class is compatible with any class). */
export function factsAgree(a: LevelFact, b: LevelFact): boolean {
  if (a.level !== b.level || a.perInstance !== b.perInstance) return false;
  const ca = claimedClass(a);
  const cb = claimedClass(b);
  return ca === cb || ca === undefined || cb === undefined;
}

/**
 * How much a fact promises: level first, then a named class over a class of
 * one, and any per-instance exclusion over none.
 */
export function factStrength(f: LevelFact): number {
  return f.level * 4 + (f.class ? 2 : 0) + (f.selfOnly || f.perInstance ? 1 : 0);
}

function defaultRule(entry: DdiEntry): ResolvedRule {
  return {
    level: entry.level,
    class: entry.class,
    perChild: entry.perChild,
    ...(entry.perInstance !== undefined ? { perInstance: entry.perInstance } : {}),
  };
}

function ruleOf(fact: LevelFact): ResolvedRule {
  return {
    level: fact.level,
    class: fact.class ?? null,
    perChild: fact.perChild ?? false,
    ...(fact.perInstance !== undefined ? { perInstance: fact.perInstance } : {}),
    fact,
  };
}

/**
 * The facts that apply to a call with `flags`, minus level-1 facts that name no
 * class when another applicable level-1 fact names one (they say nothing more).
 */
export function applicableFacts(entry: DdiEntry, flags?: CallFlags): LevelFact[] {
  const applying = entry.facts.filter((f) => factApplies(f, flags));
  return applying.filter((f) => !(f.level === 1 && !f.class && !f.selfOnly && applying.some((g) => g.level === 1 && g.class)));
}

/**
 * The rule for a call of `entry`.
 * - Facts that the call's `flags` rule out are dropped.
 * - If the rest agree, their rule applies (whatever the policy).
 * - If they disagree: `driver` takes the weakest, `dispatcher` the strongest,
 *   and no policy keeps the entry's default.
 * Display-driver functions (no facts, no level) get a null level.
 */
export function resolveRule(entry: DdiEntry, policy?: LevelPolicy, flags?: CallFlags): ResolvedRule {
  const facts = applicableFacts(entry, flags);
  if (facts.length === 0) return defaultRule(entry);
  const unanimous = facts.every((f) => factsAgree(f, facts[0]) && factStrength(f) === factStrength(facts[0]));
  if (unanimous) {
    return facts.length === entry.facts.length ? { ...defaultRule(entry), fact: facts[0] } : ruleOf(facts[0]);
  }
  if (policy === undefined) return defaultRule(entry);
  const pick = facts.reduce((best, f) =>
    policy === 'driver' ? (factStrength(f) < factStrength(best) ? f : best) : factStrength(f) > factStrength(best) ? f : best,
  );
  return ruleOf(pick);
}

/**
 * The level the checker should use for a call of `entry` under `policy`:
 * `driver` = the weaker guarantee (lower level), `dispatcher` = the stronger.
 * See {@link resolveRule} for flags and the class that comes with the level.
 */
export function resolveLevel(entry: DdiEntry, policy: LevelPolicy, flags?: CallFlags): Level | null {
  return resolveRule(entry, policy, flags).level;
}
