import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { families, properties, Property, Rule } from './index.js';
import * as ids from '../src/property-ids.js';
import { Property as ModelProperty } from '../src/model/violation.js';
import { Rule as OsRule } from '../src/os/rules.js';

/** The backticked property ids in the property table of docs/models.md. */
function docsIds(): string[] {
  const md = readFileSync(new URL('../docs/models.md', import.meta.url), 'utf8');
  const start = md.indexOf('## Properties checked on every state');
  const table = md.slice(start).split('\n').filter((l) => l.startsWith('| ')).slice(2);
  const end = table.findIndex((l, i) => i > 0 && !l.startsWith('|'));
  const rows = end < 0 ? table : table.slice(0, end);
  return rows.flatMap((r) => [...r.matchAll(/`([a-z]+(?:-[a-z]+)*)`/g)].map((m) => m[1]));
}

describe('the property table', () => {
  it('holds every id of ids.ts exactly once', () => {
    const all = [...Object.values(Property), ...Object.values(Rule)].sort();
    const listed = families.flatMap((f) => f.properties.map((p) => p.id)).sort();
    expect(listed).toEqual(all);
    expect(properties.size).toBe(all.length);
  });

  it('keeps the old names as the same values', () => {
    expect(ModelProperty).toEqual(ids.Property);
    expect(OsRule).toEqual(ids.Rule);
  });

  it('gives every property a summary and every family a help text naming its source', () => {
    for (const f of families) {
      expect(f.help.length).toBeGreaterThan(100);
      expect(f.help).toMatch(/"[^"]+"/);
      for (const p of f.properties) expect(p.summary).toMatch(/\.$/);
    }
  });

  it('is what the docs table of docs/models.md lists, no more and no less', () => {
    const listed = docsIds();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...properties.keys()].sort());
  });
});
