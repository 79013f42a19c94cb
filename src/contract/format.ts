/**
 * Pure formatting of the catalog for `ddicheck catalog`: JSON for machines, an
 * aligned table and a lint report for people (fits a 100-column terminal).
 */
import { filterCatalog, lintCatalog } from './query.js';
import type { Catalog, CatalogFilter, Conflict, DdiEntry, Family, Level, LevelFact, Source } from './types.js';

/** One row of `catalogJson`. */
export interface CatalogJsonRow {
  readonly name: string;
  readonly family: Family;
  readonly level: Level | null;
  readonly class: string | null;
  readonly perChild: boolean;
  readonly sources: readonly Source[];
}

/** The document `ddicheck catalog --json` prints. */
export interface CatalogJson {
  readonly contractVersion: string;
  readonly ddis: readonly CatalogJsonRow[];
  readonly conflicts: readonly Conflict[];
}

/** Terminal width the text formats keep to. */
export const TEXT_WIDTH = 100;

/** Short tags for the two documentation repositories, named once in each text output. */
const REPO_TAG: Readonly<Record<Source['repo'], string>> = {
  'windows-driver-docs': 'docs',
  'windows-driver-docs-ddi': 'ddi ',
  user: 'user',
};

const REPO_NAME: Readonly<Record<Source['repo'], string>> = {
  'windows-driver-docs': 'docs = MicrosoftDocs/windows-driver-docs',
  'windows-driver-docs-ddi': 'ddi = MicrosoftDocs/windows-driver-docs-ddi',
  user: 'user = the user contract',
};

/** Names the repositories behind the tags of `sources`, in a fixed order. */
function repoLegend(sources: readonly Source[]): string {
  const used = new Set(sources.map((s) => s.repo));
  return (Object.keys(REPO_NAME) as Source['repo'][])
    .filter((r) => used.has(r))
    .map((r) => REPO_NAME[r])
    .join(', ');
}

/** Every distinct source of a row: its facts, exemptions, TDR role and other references. */
export function entrySources(entry: DdiEntry): Source[] {
  const all = [
    ...entry.facts.map((f) => f.source),
    ...(entry.exemptions ?? []).map((e) => e.source),
    ...(entry.tdr ? [entry.tdr.source] : []),
    ...(entry.refs ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.repo}\n${s.page}\n${s.says}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The catalog as JSON data: each row's default rule (for a conflicting DDI, the
 * level the checker uses by default) with its sources, and every conflict,
 * condition and exception of the selected rows.
 */
export function catalogJson(cat: Catalog, filter: CatalogFilter = {}): CatalogJson {
  const selected = filterCatalog(cat, filter);
  return {
    contractVersion: cat.contractVersion,
    ddis: selected.ddis.map((d) => ({
      name: d.name,
      family: d.family,
      level: d.level,
      class: d.class,
      perChild: d.perChild,
      sources: entrySources(d),
    })),
    conflicts: lintCatalog(selected),
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Word-wrap `text` to `width`, indenting continuation lines by `indent` spaces. */
export function wrap(text: string, width: number, indent: number, firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function pageKey(s: Source): string {
  return `${REPO_TAG[s.repo]} ${s.page}${s.archived ? ' (archived)' : ''}`;
}

/** Widest name column of the catalog table; the few longer names push their own row right. */
const NAME_WIDTH = 41;

/**
 * The catalog as an aligned table: name, family, default level, class,
 * per-child, and numbered source pages listed under the table. A `*` after the
 * level marks a DDI with conflicting, conditional or exceptional facts.
 */
export function catalogText(cat: Catalog, filter: CatalogFilter = {}): string {
  const selected = filterCatalog(cat, filter);
  const flagged = new Set(lintCatalog(selected).map((c) => c.ddi));
  const pages: string[] = [];
  const cited: Source[] = [];
  const pageNo = (s: Source): number => {
    const key = pageKey(s);
    let i = pages.indexOf(key);
    if (i < 0) {
      i = pages.push(key) - 1;
      cited.push(s);
    }
    return i + 1;
  };
  const rows = selected.ddis.map((d) => [
    d.name,
    d.family,
    `${d.level ?? '-'}${flagged.has(d.name) ? '*' : ''}`,
    d.class ?? '-',
    d.perChild ? 'yes' : '-',
    [...new Set(entrySources(d).map(pageNo))].join(','),
  ]);
  const head = ['NAME', 'FAMILY', 'LEVEL', 'CLASS', 'CHILD', 'SRC'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // A name longer than NAME_WIDTH overflows its own row instead of widening every row past the terminal.
  widths[0] = Math.min(widths[0], NAME_WIDTH);
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  out.push('');
  const count = `${rows.length} DDI${rows.length === 1 ? '' : 's'}, contract ${cat.contractVersion}.`;
  out.push(...wrap(`${count} * = conflicting, conditional or exceptional facts: see \`ddicheck catalog --lint\`.`, TEXT_WIDTH, 0));
  if (pages.length > 0) {
    out.push(...wrap(`Sources (${repoLegend(cited)}):`, TEXT_WIDTH, 0));
    const numWidth = String(pages.length).length + 2;
    pages.forEach((p, i) => {
      const entry = `  ${pad(`[${i + 1}]`, numWidth)} ${p}`;
      // A page path too long for the line goes on a line of its own.
      out.push(...(entry.length <= TEXT_WIDTH ? [entry] : wrap(entry, TEXT_WIDTH, 2, 2)));
    });
  }
  return out.join('\n');
}

function describeFact(f: LevelFact): string {
  const parts = [`level ${f.level}`];
  if (f.class) parts.push(`class ${f.class}${f.perChild ? ' (per child)' : ''}`);
  if (f.selfOnly) parts.push('serialized with itself only');
  if (f.perInstance) parts.push(`one call per ${f.perInstance}`);
  if (f.condition) parts.push(`when ${f.condition}`);
  if (f.inferred) parts.push('inferred');
  return parts.join(', ');
}

function sourceLines(label: string, s: Source): string[] {
  return [...wrap(`${label}: ${s.says}`, TEXT_WIDTH, 6, 2), `      ${pageKey(s)}`];
}

/**
 * The lint report: each conflict, condition, per-instance rule and exception,
 * with every fact and its source page, and the resolution the catalog takes.
 */
export function lintText(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 0) return 'No conflicting or conditional facts.';
  const all = conflicts.flatMap((c) => [...c.facts.map((f) => f.source), ...(c.refs ?? [])]);
  const out: string[] = [...wrap(`Sources: ${repoLegend(all)}.`, TEXT_WIDTH, 0), ''];
  for (const c of conflicts) {
    out.push(`${c.ddi}: ${c.kind} (default level ${c.defaultLevel ?? '-'})`);
    out.push(...wrap(c.summary, TEXT_WIDTH, 2));
    for (const f of c.facts) out.push(...sourceLines(`- ${describeFact(f)}`, f.source));
    for (const r of c.refs ?? []) out.push(...sourceLines('- exception', r));
    out.push(...wrap(`resolution: ${c.resolution}`, TEXT_WIDTH, 4, 2));
    out.push('');
  }
  const kinds = ['conflict', 'conditional', 'per-instance', 'exception'] as const;
  const counts = kinds.map((k) => `${conflicts.filter((c) => c.kind === k).length} ${k}`).join(', ');
  out.push(`${conflicts.length} findings: ${counts}.`);
  return out.join('\n');
}
