/**
 * The bounded state schema. Every piece of model state is declared with a type
 * whose values are finite (integers with ranges, booleans, enums, fixed-length
 * arrays, records). That keeps the state space finite, lets the fast backend lay
 * state out as a fixed-width integer vector, and gives traces readable paths.
 */

/**
 * How a location takes part in race detection.
 * - `data`: ordinary driver data; two contexts touching it in one state with a write is a race.
 * - `interlocked`: accessed with interlocked operations (or declared atomic); never a race.
 * - `ghost`: verification-only bookkeeping (counters for invariants); never a race.
 * - `sync`: the inside of a synchronization object (lock owner, event state).
 */
export type Access = 'data' | 'interlocked' | 'ghost' | 'sync';

interface TypeBase {
  readonly access?: Access;
  /** Shown in traces and errors; set on kernel objects ("spin lock"). */
  readonly object?: string;
}
export interface IntType extends TypeBase {
  readonly kind: 'int'; readonly min: number; readonly max: number; readonly init: number;
  /**
   * `context`: the value names a context (0 nobody, else context id + 1, as lock
   * owners do). Symmetry reduction renames it when it permutes contexts.
   */
  readonly ref?: 'context';
}
export interface BoolType extends TypeBase { readonly kind: 'bool'; readonly init: boolean }
export interface EnumType<V extends string = string> extends TypeBase { readonly kind: 'enum'; readonly values: readonly V[]; readonly init: V }
export interface ArrayType<E extends Type = Type> extends TypeBase {
  readonly kind: 'array'; readonly length: number; readonly of: E;
  /** Elements are objects with a lifetime (see `pool`): touching a freed one is a violation. */
  readonly pool?: string;
  /**
   * One element per scenario process (see `t.perProcess`): the length is the
   * scenario's process count, filled in when the system's state schema is
   * built, and symmetry reduction permutes the elements with the processes.
   */
  readonly perProcess?: boolean;
}
export interface RecordType<F extends Record<string, Type> = Record<string, Type>> extends TypeBase {
  readonly kind: 'record'; readonly fields: F;
  /** An object on a stack (see stackEvent, stackRecord): declared in `local`, handed out with k.publish. */
  readonly stack?: boolean;
}
export type Type = IntType | BoolType | EnumType | ArrayType | RecordType;
export type Fields = Record<string, Type>;

/** The JavaScript value a step sees for a schema type. */
export type Value<T> =
  T extends IntType ? number :
  T extends BoolType ? boolean :
  T extends EnumType<infer V> ? V :
  T extends ArrayType<infer E> ? ValueArray<Value<E>> :
  T extends RecordType<infer F> ? { [K in keyof F]: Value<F[K]> } :
  never;
/** Fixed-length array view: index it, iterate it, never resize it. */
export interface ValueArray<V> extends Iterable<V> {
  [index: number]: V;
  readonly length: number;
  some(f: (v: V, i: number) => boolean): boolean;
  every(f: (v: V, i: number) => boolean): boolean;
  indexOf(v: V): number;
  includes(v: V): boolean;
  forEach(f: (v: V, i: number) => void): void;
  map<U>(f: (v: V, i: number) => U): U[];
  filter(f: (v: V, i: number) => boolean): V[];
  reduce<U>(f: (acc: U, v: V, i: number) => U, init: U): U;
}
export type RecordValue<F extends Fields> = Value<RecordType<F>>;

/** The largest context reference: context ids stay below it (compile() refuses more contexts). */
export const MAX_CONTEXT_REF = 255;

/** Hidden liveness field of pool elements. */
export const LIVE = '$live';

function withAccess<T extends Type>(t: T, access: Access): T {
  if (t.kind === 'record') {
    const fields: Fields = {};
    for (const [k, f] of Object.entries(t.fields)) fields[k] = withAccess(f, access);
    return { ...t, fields, access } as T;
  }
  if (t.kind === 'array') return { ...t, of: withAccess(t.of, access), access } as T;
  return { ...t, access };
}

/** Schema builders. */
export const t = {
  /** An integer in [min, max]; starts at `init` (default min). */
  int(min: number, max: number, init: number = min): IntType {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new SchemaError(`int(${min}, ${max}): bounds must be integers with min <= max`);
    if (!Number.isInteger(init) || init < min || init > max) throw new SchemaError(`int(${min}, ${max}): initial value ${init} is out of range`);
    return { kind: 'int', min, max, init };
  },
  bool(init = false): BoolType { return { kind: 'bool', init }; },
  enum<const V extends string>(values: readonly V[], init: V = values[0]): EnumType<V> {
    if (values.length === 0) throw new SchemaError('enum([]): needs at least one value');
    if (new Set(values).size !== values.length) throw new SchemaError(`enum(${values.join(', ')}): values must be distinct`);
    if (!values.includes(init)) throw new SchemaError(`enum(${values.join(', ')}): initial value ${init} is not one of them`);
    return { kind: 'enum', values, init };
  },
  array<E extends Type>(length: number, of: E): ArrayType<E> {
    if (!Number.isInteger(length) || length < 0) throw new SchemaError(`array(${length}): length must be a non-negative integer`);
    return { kind: 'array', length, of };
  },
  /**
   * A reference to a context: 0 for nobody, else the context's id + 1 (what
   * `k.owner` holds, and what lock owners store). Declaring it so lets symmetry
   * reduction rename it when it swaps interchangeable threads or processes.
   */
  context(): IntType { return { kind: 'int', min: 0, max: MAX_CONTEXT_REF, init: 0, ref: 'context' }; },
  /**
   * An array with one element per scenario process, indexed by `k.process`.
   * Its length comes from the scenario; symmetry reduction permutes its
   * elements when it swaps interchangeable processes (a plain array indexed by
   * `k.process` would make the processes distinguishable, and is refused).
   */
  perProcess<E extends Type>(of: E): ArrayType<E> { return { kind: 'array', length: 0, of, perProcess: true }; },
  record<F extends Fields>(fields: F): RecordType<F> {
    for (const k of Object.keys(fields)) if (k.startsWith('$')) throw new SchemaError(`record field "${k}": names starting with $ are reserved`);
    return { kind: 'record', fields };
  },
  /** Accessed only with interlocked operations (or as an aligned atomic): never reported as a race. */
  interlocked<T extends Type>(type: T): T { return withAccess(type, 'interlocked'); },
  /** Verification-only state (a counter an invariant reads): never reported as a race. */
  ghost<T extends Type>(type: T): T { return withAccess(type, 'ghost'); },
};

/** A schema declaration is invalid. */
export class SchemaError extends Error { override name = 'SchemaError'; }

/**
 * `type` with every per-process array given `processes` elements: what the
 * system's state schema holds (the model declares them without a length).
 */
export function expandPerProcess<T extends Type>(type: T, processes: number): T {
  switch (type.kind) {
    case 'array': {
      const of = expandPerProcess(type.of, processes);
      return (type.perProcess ? { ...type, of, length: processes } : of === type.of ? type : { ...type, of }) as T;
    }
    case 'record': {
      let changed = false;
      const fields: Fields = {};
      for (const [k, f] of Object.entries(type.fields)) { fields[k] = expandPerProcess(f, processes); if (fields[k] !== f) changed = true; }
      return (changed ? { ...type, fields } : type) as T;
    }
    default: return type;
  }
}

/** The initial plain value of a type. */
export function initialValue(type: Type): unknown {
  switch (type.kind) {
    case 'int': case 'bool': case 'enum': return type.init;
    case 'array': return Array.from({ length: type.length }, () => initialValue(type.of));
    case 'record': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(type.fields)) o[k] = initialValue(f);
      return o;
    }
  }
}
