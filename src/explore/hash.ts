/**
 * 64-bit fingerprints of state vectors, as two independent 32-bit lanes, without
 * building strings or allocating. Each lane is a multiply-rotate mix over the words
 * with its own seed and constants, finished by the murmur3 avalanche.
 */

function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Writes the fingerprint of `v` into out[0] (high lane) and out[1] (low lane). */
export function fingerprint(v: Int32Array, out: Uint32Array): void {
  let a = 0x9747b28c | 0;
  let b = 0x2545f491 | 0;
  for (let i = 0; i < v.length; i++) {
    const w = v[i];
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    a ^= Math.imul(k, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let j = Math.imul(w ^ i, 0x27d4eb2d);
    j = (j << 11) | (j >>> 21);
    b ^= Math.imul(j, 0x165667b1);
    b = (b << 17) | (b >>> 15);
    b = (Math.imul(b, 9) + 0x7f4a7c15) | 0;
  }
  out[0] = fmix(a ^ v.length);
  out[1] = fmix(b ^ Math.imul(v.length, 0x61c88647));
}

/**
 * Probability that two of `n` distinct states shared a 64-bit fingerprint, so one
 * was never explored: about n^2 / 2^65 (the birthday bound).
 */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
