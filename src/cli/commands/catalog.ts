/** `ddicheck catalog`: the contract's DDIs with level, class and sources; --lint lists conflicts. */
import type { Argv } from 'yargs';
import { defaultCatalog, filterCatalog, lintCatalog, catalogJson, catalogText, lintText, FAMILIES, type Family, type Level } from '../../contract/index.js';
import { InputError } from '../../errors.js';
import { Exit, type ExitCode } from '../../exit.js';
import type { IO } from '../io.js';

export interface CatalogArgs { level?: number; class?: string; family?: string; json?: boolean; lint?: boolean }

export const catalogCommand = {
  command: 'catalog',
  describe: 'list the contract catalog: DDIs with family, level, class and source pages',
  builder: (y: Argv) => y
    .option('level', { type: 'number', describe: 'only DDIs of this level (0-3)' })
    .option('class', { type: 'string', describe: 'only DDIs of this level-1 class (pointer, display, gpu-scheduler, ...)' })
    .option('family', { type: 'string', describe: `only this family (${FAMILIES.join(', ')})` })
    .option('json', { type: 'boolean', describe: 'print JSON' })
    .option('lint', { type: 'boolean', describe: 'list conflicting and conditional facts with both sources' })
    .example('$0 catalog --level 1 --class pointer', 'the pointer class')
    .example('$0 catalog --lint', 'known conflicts in the documentation'),
};

export function runCatalog(args: CatalogArgs, io: IO): ExitCode {
  const cat = defaultCatalog();
  if (args.level !== undefined && ![0, 1, 2, 3].includes(args.level)) throw new InputError('--level', `must be 0, 1, 2 or 3, got ${args.level}`);
  if (args.family !== undefined && !FAMILIES.includes(args.family as Family)) throw new InputError('--family', `unknown family "${args.family}"`, `families: ${FAMILIES.join(', ')}`);
  if (args.class !== undefined && !cat.classes.some((c) => c.name === args.class)) throw new InputError('--class', `unknown class "${args.class}"`, `classes: ${cat.classes.map((c) => c.name).join(', ')}`);
  const filter = { level: args.level as Level | undefined, class: args.class, family: args.family as Family | undefined };
  if (args.lint) {
    const conflicts = lintCatalog(filterCatalog(cat, filter));
    io.out(args.json ? JSON.stringify({ contractVersion: cat.contractVersion, conflicts }, null, 2) : lintText(conflicts));
    return Exit.holds;
  }
  io.out(args.json ? JSON.stringify(catalogJson(cat, filter), null, 2) : catalogText(cat, filter));
  return Exit.holds;
}
