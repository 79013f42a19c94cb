/**
 * Page paths and small builders for citing them. Paths are inside
 * MicrosoftDocs/windows-driver-docs (concept pages) and
 * MicrosoftDocs/windows-driver-docs-ddi (DDI reference pages).
 */
import type { Level, LevelFact, Source } from './types.js';

const DISPLAY = 'windows-driver-docs-pr/display/';

/** Concept pages of windows-driver-docs that state the contract. */
export const PAGE = {
  level0: `${DISPLAY}threading-and-synchronization-zero-level.md`,
  level1: `${DISPLAY}threading-and-synchronization-first-level.md`,
  level2: `${DISPLAY}threading-and-synchronization-second-level.md`,
  level3: `${DISPLAY}threading-and-synchronization-third-level.md`,
  tdr: `${DISPLAY}thread-synchronization-and-tdr.md`,
  tdrWin8: `${DISPLAY}tdr-changes-in-windows-8.md`,
  /** Removed from the live repository in 2024 (DocsArchive); still the source of the PDEV rules. */
  pdevs: `${DISPLAY}managing-pdevs.md`,
} as const;

/** Cite a concept page of windows-driver-docs. */
export function docs(page: string, says: string, archived?: boolean): Source {
  return archived ? { repo: 'windows-driver-docs', page, says, archived } : { repo: 'windows-driver-docs', page, says };
}

/**
 * Path of a DDI reference page in windows-driver-docs-ddi, from its short form
 * `header/file` (e.g. `d3dkmddi/nc-d3dkmddi-dxgkddi_escape`).
 */
export function ddiPage(short: string): string {
  return `wdk-ddi-src/content/${short}.md`;
}

/** Cite a DDI reference page of windows-driver-docs-ddi (short form, see {@link ddiPage}). */
export function ddi(short: string, says: string): Source {
  return { repo: 'windows-driver-docs-ddi', page: ddiPage(short), says };
}

/** Short form of the d3dkmddi reference page of `DxgkDdi<Suffix>`: lower-cased callback name. */
export function km(suffix: string): string {
  return `d3dkmddi/nc-d3dkmddi-dxgkddi_${suffix.toLowerCase()}`;
}

/** Short form of a dispmprt reference page, given the part after `dxgkddi_`. */
export function mp(suffix: string): string {
  return `dispmprt/nc-dispmprt-dxgkddi_${suffix}`;
}

/** The list membership of each level page, as a fact. */
export const LISTED: Readonly<Record<Level, Source>> = {
  0: docs(PAGE.level0, 'Listed at level zero: reentrant, but no two threads of one process in the driver at once.'),
  1: docs(PAGE.level1, 'Listed in a level-one class: no two threads in the functions of one class at once.'),
  2: docs(PAGE.level2, 'Listed at level two: only the calling thread in the driver, GPU idle, no DMA buffers in flight.'),
  3: docs(PAGE.level3, 'Listed at level three: as level two, and video memory is fully evicted to host memory.'),
};

/** The unconditional fact "this DDI is on the list of level `level`". */
export function listed(level: Level, klass?: string, perChild?: boolean): LevelFact {
  const fact: LevelFact = { level, source: LISTED[level] };
  if (klass === undefined) return fact;
  return perChild ? { ...fact, class: klass, perChild } : { ...fact, class: klass };
}
