/**
 * The visited set, behind one small interface. `FingerprintStore` keeps only
 * 64-bit fingerprints in an open-addressing table of typed arrays (8 bytes per
 * slot, 12 with ids, 53-80% full). `ExactStore` also keeps every state vector, so two
 * states with one fingerprint are told apart and counted as collisions.
 *
 * The store owns state ids: `add` hands out the id of a new state, and the
 * explorer keys parent links and the recorded state graph by it, so a shared or
 * sharded store may number states its own way. These stores number them 0, 1,
 * ... as they come. A store made with ids (the exact store always has them)
 * also tells the id of a state that was already there, so the explorer can
 * record the edges of the state graph.
 */

/** `add`'s answer for a state already there, when the store keeps no ids. */
export const SEEN = -1;
/** `add`'s answer for a state already there with id `id`: a negative number below SEEN. */
export const seen = (id: number): number => -2 - id;
/** The id in an answer of `seen(id)`; -1 for SEEN. */
export const seenId = (answer: number): number => (answer === SEEN ? -1 : -2 - answer);

export interface StateStore {
  /**
   * Adds the state whose fingerprint `fp` holds. A new state: its id (>= 0). One
   * already there: `seen(id)` when the store keeps ids, else SEEN (both < 0).
   */
  add(vec: Int32Array, fp: Uint32Array): number;
  readonly size: number;
  /** Fingerprint collisions seen (only an exact store can see them). */
  readonly collisions: number;
  readonly exact: boolean;
  /** Bytes held by the store. */
  bytes(): number;
  /** The store grows (allocates more) when it takes its `growsAt`-th state. */
  readonly growsAt: number;
  /** Bytes that growth allocates beside what the store holds (both live while it copies). */
  growthBytes(): number;
}

const EMPTY_HI = 0;
const EMPTY_LO = 0;

/**
 * The fingerprint table fills to this fraction before it grows, by half again
 * (so it is 53-80% full): linear probing over 8-byte slots stays within a
 * cache line or two at that load, and the table takes 10-15 bytes a state.
 */
const MAX_LOAD = 0.8;
const GROWTH = 1.5;
const TWO_32 = 4294967296;

export class FingerprintStore implements StateStore {
  readonly exact = false;
  readonly collisions = 0;
  size = 0;
  private keys: Uint32Array;
  /** With ids: the id of the state in each slot, beside `keys` (4 bytes more a slot). */
  private ids: Int32Array | null;
  /** Slots in the table (any number: the home slot of a key is its low lane scaled to it, not masked). */
  private cap: number;
  private limit: number;

  constructor(capacity = 1 << 16, withIds = false) {
    const cap = Math.max(16, Math.ceil(capacity));
    this.cap = cap;
    this.limit = Math.floor(cap * MAX_LOAD);
    this.keys = new Uint32Array(cap * 2);
    this.ids = withIds ? new Int32Array(cap) : null;
  }

  add(_vec: Int32Array, fp: Uint32Array): number {
    const hi = fp[0];
    let lo = fp[1];
    if (hi === EMPTY_HI && lo === EMPTY_LO) lo = 1;
    const keys = this.keys;
    const cap = this.cap;
    // The home slot: the low lane as a fraction of 2^32, times the table size.
    let i = Math.floor((lo >>> 0) * cap / TWO_32);
    for (;;) {
      const kh = keys[2 * i];
      const kl = keys[2 * i + 1];
      if (kh === EMPTY_HI && kl === EMPTY_LO) break;
      if (kh === hi && kl === lo) return this.ids !== null ? seen(this.ids[i]) : SEEN;
      if (++i === cap) i = 0;
    }
    keys[2 * i] = hi;
    keys[2 * i + 1] = lo;
    const id = this.size;
    if (this.ids !== null) this.ids[i] = id;
    if (++this.size > this.limit) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.keys;
    const oldIds = this.ids;
    const cap = Math.ceil(this.cap * GROWTH);
    const keys = this.keys = new Uint32Array(cap * 2);
    const ids = this.ids = oldIds !== null ? new Int32Array(cap) : null;
    this.cap = cap;
    this.limit = Math.floor(cap * MAX_LOAD);
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]; const lo = old[j + 1];
      if (hi === EMPTY_HI && lo === EMPTY_LO) continue;
      let i = Math.floor((lo >>> 0) * cap / TWO_32);
      while (keys[2 * i] !== EMPTY_HI || keys[2 * i + 1] !== EMPTY_LO) if (++i === cap) i = 0;
      keys[2 * i] = hi; keys[2 * i + 1] = lo;
      if (ids !== null) ids[i] = oldIds![j >> 1];
    }
  }

  bytes(): number { return this.keys.byteLength + (this.ids?.byteLength ?? 0); }
  get growsAt(): number { return this.limit + 1; }
  growthBytes(): number { return GROWTH * this.bytes(); }
}

export class ExactStore implements StateStore {
  readonly exact = true;
  size = 0;
  collisions = 0;
  private ids: Int32Array;
  private fps: Uint32Array;
  private vecs: Int32Array;
  private mask: number;

  constructor(private readonly width: number, capacity = 1 << 12) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.fps = new Uint32Array(cap);
    this.vecs = new Int32Array(Math.max(1, width) * cap);
  }

  add(vec: Int32Array, fp: Uint32Array): number {
    const w = this.width;
    let i = fp[1] & this.mask;
    let collided = false;
    for (;;) {
      const id = this.ids[i];
      if (id < 0) break;
      if (this.fps[2 * id] === fp[0] && this.fps[2 * id + 1] === fp[1]) {
        let same = true;
        for (let j = 0; j < w; j++) if (this.vecs[id * w + j] !== vec[j]) { same = false; break; }
        if (same) return seen(id);
        collided = true;
      }
      i = (i + 1) & this.mask;
    }
    if (collided) this.collisions++;
    const id = this.size++;
    if ((id + 1) * w > this.vecs.length) { const nv = new Int32Array(this.vecs.length * 2); nv.set(this.vecs); this.vecs = nv; }
    if (2 * id + 2 > this.fps.length) { const nf = new Uint32Array(this.fps.length * 2); nf.set(this.fps); this.fps = nf; }
    this.vecs.set(vec, id * w);
    this.fps[2 * id] = fp[0]; this.fps[2 * id + 1] = fp[1];
    this.ids[i] = id;
    if (this.size * 2 > this.mask + 1) this.grow();
    return id;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.fps[2 * id + 1] & this.mask;
      while (this.ids[i] >= 0) i = (i + 1) & this.mask;
      this.ids[i] = id;
    }
  }

  bytes(): number { return this.ids.byteLength + this.fps.byteLength + this.vecs.byteLength; }
  get growsAt(): number { return (this.mask + 1) / 2 + 1; }
  /** An upper bound: the id table, the fingerprints and the vectors each double at about that point. */
  growthBytes(): number { return 2 * this.bytes(); }
}

/** Store kinds, by name; `withIds`: also tell the id of a state already there (the exact store always can). */
export const stores = {
  fingerprint: (_width: number, withIds = false): StateStore => new FingerprintStore(undefined, withIds),
  exact: (width: number, _withIds = false): StateStore => new ExactStore(width),
} as const;
export type StoreKind = keyof typeof stores;
