#!/usr/bin/env node
// Loads the TypeScript sources (and user models) through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';
register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
