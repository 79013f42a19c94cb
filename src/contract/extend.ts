/**
 * User contracts: members for the classes the docs name without them (VidMm,
 * virtual machines, vGPUs), new classes, and DDIs the lists leave out. Every
 * problem is a {@link ContractError} that names the element and says what to do.
 */
import { withMembers } from './catalog.js';
import type { ClassDecl } from './classes.js';
import { ContractError, didYouMean } from './errors.js';
import type { ContractErrorCode } from './errors.js';
import { FAMILIES, LEVELS } from './types.js';
import type {
  Catalog,
  CatalogExtension,
  ClassExtension,
  DdiEntry,
  DdiExtension,
  Level,
  LevelFact,
  Source,
} from './types.js';
import { IRQL_NAMES, irqlText, validateCatalog } from './validate.js';

export { validateCatalog } from './validate.js';

/** The fields each part of an extension may have: anything else is a mistake worth naming. */
const FIELDS = {
  extension: ['name', 'origin', 'classes', 'ddis'],
  class: ['name', 'members', 'perChild', 'level', 'source'],
  ddi: ['name', 'family', 'level', 'class', 'perChild', 'perInstance', 'irql', 'source', 'notes'],
} as const;

/** Rejects a field of `obj` that `known` does not list, naming it and the nearest known field. */
function checkFields(obj: object, known: readonly string[], element: string, what: string): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    fail('bad-input', element, `${what} has unknown field '${key}'.${hint || ` Known fields: ${known.join(', ')}.`}`);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function fail(code: ContractErrorCode, element: string, message: string): never {
  throw new ContractError(code, element, message);
}

function checkName(kind: 'ddi' | 'class', name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    fail('bad-name', `${kind} ${String(name)}`, `Bad ${kind} name ${JSON.stringify(name)}: use letters, digits, '_' or '-'.`);
  }
  return name;
}

function levelText(level: Level | null): string {
  return level === null ? 'no level' : `level ${level}`;
}

/** Mutable working copy of the catalog being extended. */
interface Work {
  readonly ext: CatalogExtension;
  readonly decls: Map<string, ClassDecl>;
  readonly rows: Map<string, DdiEntry>;
  /** Names of the rows that come from the base catalog, for messages. */
  readonly fromBase: ReadonlySet<string>;
}

function userSource(w: Work, says: string, given?: Source): Source {
  return given ?? { repo: 'user', page: w.ext.origin ?? 'user contract', says };
}

function addClass(w: Work, c: ClassExtension): void {
  const name = checkName('class', c?.name);
  const el = `class ${name}`;
  checkFields(c, FIELDS.class, el, `Class '${name}'`);
  if (c.level !== undefined && c.level !== 1 && c.level !== 2) {
    fail('bad-level', el, `Class '${name}' has level ${String(c.level)}; a class is level 1 (or 2).`);
  }
  if (c.members !== undefined && !Array.isArray(c.members)) {
    fail('bad-input', el, `The members of class '${name}' must be an array of DDI names.`);
  }
  const known = w.decls.get(name);
  if (!known) {
    const says = `Class '${name}' declared by the user contract.`;
    w.decls.set(name, { name, level: c.level ?? 1, perChild: c.perChild ?? false, source: userSource(w, says, c.source) });
    return;
  }
  if (c.perChild !== undefined && c.perChild !== known.perChild) {
    fail('class-mismatch', el, `Class '${name}' is declared with perChild ${known.perChild}; the extension says ${c.perChild}.`);
  }
  if (c.level !== undefined && c.level !== known.level) {
    fail('class-mismatch', el, `Class '${name}' is declared at level ${known.level}; the extension says ${c.level}.`);
  }
}

function requireClass(w: Work, name: string, ddi: string): ClassDecl {
  const decl = w.decls.get(name);
  if (decl) return decl;
  const hint = didYouMean(name, [...w.decls.keys()]);
  return fail(
    'unknown-class',
    `ddi ${ddi}`,
    `DDI '${ddi}' names class '${name}', which is not declared.${hint} Declare it under 'classes' in the extension.`,
  );
}

/** `row` placed in class `decl` (checking its level), with a fact citing `why`. */
function joinClass(row: DdiEntry, decl: ClassDecl, why: Source): DdiEntry {
  if (row.class === decl.name) return row;
  const el = `ddi ${row.name}`;
  if (row.level !== decl.level) {
    fail('class-mismatch', el, `DDI '${row.name}' is at ${levelText(row.level)}, but class '${decl.name}' is a level-${decl.level} class.`);
  }
  if (row.class !== null) {
    fail('class-mismatch', el, `DDI '${row.name}' is already in class '${row.class}'; it cannot also join '${decl.name}'.`);
  }
  const fact: LevelFact = { level: decl.level, class: decl.name, ...(decl.perChild ? { perChild: true } : {}), source: why };
  return { ...row, class: decl.name, perChild: decl.perChild, facts: [...row.facts, fact] };
}

function newRow(w: Work, d: DdiExtension, decl: ClassDecl | undefined): DdiEntry {
  const says = `Declared by the user contract at ${levelText(d.level)}${decl ? `, class ${decl.name}` : ''}.`;
  const source = userSource(w, says, d.source);
  const perChild = decl?.perChild ?? false;
  const fact: LevelFact | undefined =
    d.level === null
      ? undefined
      : {
          level: d.level,
          ...(decl ? { class: decl.name } : {}),
          ...(perChild ? { perChild } : {}),
          ...(d.perInstance !== undefined ? { perInstance: d.perInstance } : {}),
          source,
        };
  return {
    name: d.name,
    family: d.family,
    level: d.level,
    class: decl?.name ?? null,
    perChild,
    facts: fact ? [fact] : [],
    ...(fact ? {} : { refs: [source] }),
    ...(d.perInstance !== undefined ? { perInstance: d.perInstance } : {}),
    ...(d.irql !== undefined ? { irql: irqlText(d.irql) } : {}),
    ...(d.notes ? { notes: d.notes } : {}),
  };
}

/** An extension's IRQL: a known IRQL name or a non-empty list of them (the DDI may be called at any of them). */
function checkIrql(d: DdiExtension, el: string): void {
  if (d.irql === undefined) return;
  const list = typeof d.irql === 'string' ? [d.irql] : Array.isArray(d.irql) ? d.irql : null;
  const known = IRQL_NAMES as readonly string[];
  if (list === null || list.length === 0) fail('bad-input', el, `DDI '${d.name}' has irql ${JSON.stringify(d.irql)}; give an IRQL name or a list of them (${known.join(', ')}).`);
  for (const x of list) {
    if (typeof x === 'string' && known.includes(x)) continue;
    const hint = typeof x === 'string' ? didYouMean(x, known) : '';
    fail('bad-input', el, `DDI '${d.name}' has unknown irql ${JSON.stringify(x)}.${hint} Use ${known.join(', ')}, or a list of them.`);
  }
}

/** Check one extension DDI on its own; returns its class, if it names one. */
function checkDdi(w: Work, d: DdiExtension): ClassDecl | undefined {
  const name = checkName('ddi', d?.name);
  const el = `ddi ${name}`;
  checkFields(d, FIELDS.ddi, el, `DDI '${name}'`);
  if (!FAMILIES.includes(d.family)) {
    fail('bad-family', el, `DDI '${name}' has family ${JSON.stringify(d.family)}; use one of ${FAMILIES.join(', ')}.`);
  }
  // null: unlevelled, for a DDI whose page gives no level (display-driver functions, the bugcheck display path).
  if (d.level !== null && !LEVELS.includes(d.level)) {
    const given = JSON.stringify(d.level) ?? 'undefined';
    fail('bad-level', el, `DDI '${name}' has level ${given}; use 0, 1, 2 or 3, or null for a DDI its page gives no level.`);
  }
  checkIrql(d, el);
  const decl = d.class ? requireClass(w, d.class, name) : undefined;
  if (decl && decl.level !== d.level) {
    fail('class-mismatch', el, `DDI '${name}' is at ${levelText(d.level)}, but class '${decl.name}' is a level-${decl.level} class.`);
  }
  if (decl && d.perChild !== undefined && d.perChild !== decl.perChild) {
    fail('class-mismatch', el, `DDI '${name}' says perChild ${d.perChild}, but class '${decl.name}' has perChild ${decl.perChild}.`);
  }
  return decl;
}

function addDdi(w: Work, d: DdiExtension): void {
  const decl = checkDdi(w, d);
  const known = w.rows.get(d.name);
  if (!known) {
    w.rows.set(d.name, newRow(w, d, decl));
    return;
  }
  const el = `ddi ${d.name}`;
  if (known.level !== d.level || known.family !== d.family) {
    const where = w.fromBase.has(d.name) ? 'the catalog' : 'the extension';
    const cited = known.facts[0]?.source ?? known.refs?.[0];
    fail(
      'duplicate-ddi',
      el,
      `DDI '${d.name}' is already in ${where} as ${known.family} at ${levelText(known.level)}` +
        `${cited ? ` (${cited.page})` : ''}; the extension gives ${d.family} at ${levelText(d.level)}. ` +
        'Restate it with the same level and family, or leave it out.',
    );
  }
  let row = known;
  if (decl) {
    row = joinClass(known, decl, userSource(w, `Placed in class ${decl.name} by the user contract.`, d.source));
  } else if (d.class === null && known.class !== null) {
    fail('class-mismatch', el, `DDI '${d.name}' is in class '${known.class}'; the extension says it has none.`);
  }
  // The extension's IRQL is what the user's OS does: it replaces the row's.
  if (d.irql !== undefined) row = { ...row, irql: irqlText(d.irql) };
  w.rows.set(d.name, row);
}

function addMembers(w: Work, c: ClassExtension): void {
  const decl = w.decls.get(c.name)!;
  const why = userSource(w, `Listed as a member of class ${decl.name} by the user contract.`, c.source);
  for (const member of c.members ?? []) {
    const row = w.rows.get(member);
    if (!row) {
      const hint = didYouMean(String(member), [...w.rows.keys()]);
      fail(
        'unknown-ddi',
        `class ${c.name}`,
        `Class '${c.name}' lists member '${String(member)}', which is neither in the catalog nor in the extension's ddis.` +
          `${hint} Add it under 'ddis'.`,
      );
    }
    w.rows.set(member, joinClass(row, decl, why));
  }
}

/**
 * A new catalog: `base` plus the extension's classes and DDIs. A class the docs
 * declare without members (vidmm, virtual-machine, vgpu) gets members; a new
 * class is declared; a DDI is added, or restated at its known level (which may
 * place a classless level-1 DDI in a class). Throws {@link ContractError} on an
 * unknown class, a DDI restated at another level or family, a bad level,
 * family or name, or a member that is no DDI. `base` is not changed.
 */
export function extendCatalog(base: Catalog, ext: CatalogExtension): Catalog {
  if (!ext || typeof ext !== 'object') {
    fail('bad-input', 'extension', 'The contract extension must be an object with optional classes and ddis arrays.');
  }
  checkFields(ext, FIELDS.extension, 'extension', 'The contract extension');
  for (const key of ['classes', 'ddis'] as const) {
    if (ext[key] !== undefined && !Array.isArray(ext[key])) {
      fail('bad-input', `extension ${key}`, `The extension's '${key}' must be an array.`);
    }
  }
  const w: Work = {
    ext,
    decls: new Map(base.classes.map(({ members: _m, conditionalMembers: _c, ...decl }) => [decl.name, decl])),
    rows: new Map(base.ddis.map((d) => [d.name, d])),
    fromBase: new Set(base.ddis.map((d) => d.name)),
  };
  for (const c of ext.classes ?? []) addClass(w, c);
  for (const d of ext.ddis ?? []) addDdi(w, d);
  for (const c of ext.classes ?? []) addMembers(w, c);
  const rows = [...w.rows.values()];
  const cat: Catalog = {
    contractVersion: `${base.contractVersion}+${ext.name ?? 'user'}`,
    ddis: rows,
    classes: withMembers([...w.decls.values()], rows),
    conflicts: base.conflicts,
  };
  validateCatalog(cat);
  return cat;
}
