#!/usr/bin/env node
// Loads the TypeScript sources (and user models) through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';
// A closed pipe (`ddicheck catalog | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
