/**
 * Ordering a level's new states by key without a comparison sort: keys are
 * integers below 2^48 (a rank below 2^32 times 2^16 plus a place), so a
 * least-significant-digit radix sort in three passes of 16 bits gives the
 * order in linear time; and a state's rank across workers is its place in a
 * merge of every worker's sorted keys, found by one walk over each.
 */

const TWO32 = 4294967296;

/** The indices of `keys` in increasing key order (keys are distinct whole numbers below 2^48). */
export function orderByKey(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = Math.floor(keys[i] / TWO32);
    hi[i] = h;
    lo[i] = keys[i] - h * TWO32;
  }
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  const count = new Uint32Array(65536);
  const pass = (digit: (i: number) => number): void => {
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit(i)]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) { const c = count[d]; count[d] = sum; sum += c; }
    for (let j = 0; j < n; j++) { const i = from[j]; to[count[digit(i)]++] = i; }
    [from, to] = [to, from];
  };
  pass((i) => lo[i] & 0xffff);
  pass((i) => lo[i] >>> 16);
  pass((i) => hi[i] & 0xffff);
  return from;
}

/**
 * For sorted `own` (this worker's keys), how many keys of every list in
 * `others` (each sorted) are below each one: out[j] += that count.
 */
export function addCountsBelow(own: Float64Array, others: readonly Float64Array[], out: Float64Array): void {
  for (const l of others) {
    let p = 0;
    for (let j = 0; j < own.length; j++) {
      const k = own[j];
      while (p < l.length && l[p] < k) p++;
      out[j] += p;
    }
  }
}
