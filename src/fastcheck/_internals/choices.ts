/**
 * Lists of choices (small non-negative integers) as fast-check arbitraries,
 * generated uniformly (no bias towards small values: a walk needs a random choice
 * at every step) and at full length (fast-check's arrays pick a random length, so
 * half of all schedules would run out of choices halfway), yet shrinking like any
 * fast-check array: towards fewer elements and towards 0.
 */
import fc from 'fast-check';

/** The largest choice: taken modulo the number of options, so choices are near uniform. */
export const MAX_CHOICE = 0xffff;

class Choices extends fc.Arbitrary<number[]> {
  private readonly full: fc.Arbitrary<number[]>;
  private readonly shrinking: fc.Arbitrary<number[]>;
  constructor(length: number, max: number, fixedLength: boolean) {
    super();
    const item = fc.integer({ min: 0, max });
    this.full = fc.array(item, { minLength: length, maxLength: length });
    this.shrinking = fixedLength ? this.full : fc.array(item, { minLength: 0, maxLength: length });
  }
  generate(mrng: fc.Random): fc.Value<number[]> {
    // Unbiased, and without the fixed-length array's context, which the shrinking array could not read.
    return new fc.Value(this.full.generate(mrng, undefined).value, undefined);
  }
  canShrinkWithoutContext(value: unknown): value is number[] { return this.shrinking.canShrinkWithoutContext(value); }
  shrink(value: number[], context: unknown): fc.Stream<fc.Value<number[]>> { return this.shrinking.shrink(value, context); }
}

/** Up to `length` uniform choices in 0..max (generated at full length), shrinking towards fewer and smaller ones. */
export function choices(length: number, max = MAX_CHOICE): fc.Arbitrary<number[]> {
  return new Choices(length, max, false);
}

/** Exactly `length` uniform integers in 0..max, each shrinking towards 0. */
export function fixed(length: number, max: number): fc.Arbitrary<number[]> {
  return new Choices(length, max, true);
}

/** `a` is a strictly smaller list than `b`: no longer, no element larger, and not equal. */
export function smaller(a: readonly number[], b: readonly number[]): boolean {
  return a.length <= b.length && a.every((v, i) => v <= b[i]) && (a.length < b.length || a.some((v, i) => v < b[i]));
}

/** No longer and no element larger. */
export function noLarger(a: readonly number[], b: readonly number[]): boolean {
  return a.length <= b.length && a.every((v, i) => v <= b[i]);
}

/** Trailing zeros dropped (they are the default). */
export function trimmed(list: readonly number[]): number[] {
  let n = list.length;
  while (n > 0 && list[n - 1] === 0) n--;
  return list.slice(0, n);
}

/** A list for people: runs of one value as `v*n`, at most `max` entries shown. */
export function showChoices(list: readonly number[], max = 40): string {
  const parts: string[] = [];
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j < list.length && list[j] === list[i]) j++;
    parts.push(j - i > 2 ? `${list[i]}*${j - i}` : list.slice(i, j).join(','));
    i = j;
  }
  return `[${parts.slice(0, max).join(',')}${parts.length > max ? ',...' : ''}]`;
}

/** A plain array of integers in 0..max, or throws (for map's unmapper: shrinking a value without context). */
export function intList(v: unknown, max: number): number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x >= 0 && x <= max)) throw new TypeError('not a list of choices');
  return [...(v as number[])];
}
