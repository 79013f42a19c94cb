/**
 * The non-reentrancy classes. Members are not written here: the catalog derives
 * them from the rows (a DDI is a member when its default rule names the class,
 * a conditional member when only a fact does), so classes and rows cannot drift.
 */
import { PAGE, docs, ddi, mp } from './sources.js';
import type { ClassInfo } from './types.js';

/** A class as declared, before its members are filled in. */
export type ClassDecl = Omit<ClassInfo, 'members' | 'conditionalMembers'>;

const named = (what: string): ReturnType<typeof docs> =>
  docs(PAGE.level1, `Level-one ${what} class: at most one thread in its functions at a time.`);

const unnamedMembers = docs(PAGE.level1, 'The page names VidMm, virtual machines and vGPUs as further classes without listing their functions.');

/** Every class the docs name. */
export const CLASS_DECLS: readonly ClassDecl[] = [
  { name: 'pointer', level: 1, perChild: false, source: named('pointer') },
  { name: 'gpu-scheduler', level: 1, perChild: false, source: named('GPU scheduler') },
  { name: 'swizzling-range', level: 1, perChild: false, source: named('swizzling range') },
  { name: 'overlay', level: 1, perChild: false, source: named('overlay') },
  {
    name: 'child-io',
    level: 1,
    perChild: true,
    source: docs(PAGE.level1, 'Child I/O class, synchronized per child device; the driver blocks itself where children depend on each other.'),
  },
  { name: 'display', level: 1, perChild: false, source: named('display') },
  { name: 'vidmm', level: 1, perChild: false, source: unnamedMembers, declaredWithoutMembers: true },
  { name: 'virtual-machine', level: 1, perChild: false, source: unnamedMembers, declaredWithoutMembers: true },
  { name: 'vgpu', level: 1, perChild: false, source: unnamedMembers, declaredWithoutMembers: true },
  {
    name: 'miracast',
    level: 2,
    perChild: false,
    source: ddi(mp('miracast_create_context'), 'The Miracast create, destroy and I/O control DDIs form a Miracast class at level two: one call at a time.'),
  },
];
