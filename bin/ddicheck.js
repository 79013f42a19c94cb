#!/usr/bin/env node
// Registers the loaders (tsx for TypeScript, ddicheck's hooks so a model loads as an
// ES module in any project), then runs the CLI.
import { registerLoaders } from '../lib/register.js';
// A closed pipe (`ddicheck catalog | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
registerLoaders();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
