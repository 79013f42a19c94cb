#!/usr/bin/env node
// Loads the TypeScript sources and models through tsx, then runs the benchmark (bench/run.ts).
import { register } from 'tsx/esm/api';
register();
await import('../bench/run.ts');
