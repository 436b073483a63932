import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A column header the user may click (sortable="custom") sends sort=<prop>,asc|desc through useServerList; the
// service refuses anything outside its contract's enum with a 400. So every sortable column of the liaison screens
// must be a value of its list's sort enum in the contract of record (docs/api/liaison-service.json), both ways.
const here = __dirname;
const contract = JSON.parse(readFileSync(join(here, '../../../../docs/api/liaison-service.json'), 'utf8'));

function sortEnum(path: string): string[] {
  const parameters: { name?: string; schema?: { enum?: string[] } }[] = contract.paths[path].get.parameters;
  return parameters.find((p) => p.name === 'sort')?.schema?.enum ?? [];
}

function sortableProps(view: string): string[] {
  const source = readFileSync(join(here, view), 'utf8');
  return [...source.matchAll(/<el-table-column\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes('sortable="custom"'))
    .map((tag) => /\sprop="([^"]+)"/.exec(tag)?.[1] ?? '(no prop)');
}

describe('sortable liaison tables', () => {
  it.each([
    ['ContactsView.vue', '/api/v1/liaisons', ['divisionCode', 'role', 'personName', 'organisation', 'position']],
    ['CluesView.vue', '/api/v1/clues', ['permitNumber', 'fromDivisionCode', 'toDivisionCode', 'status', 'requestedBy']],
  ])('%s sorts its columns by values %s allows', (view, path, expected) => {
    const props = sortableProps(view);
    expect(props).toEqual(expected);
    const allowed = sortEnum(path);
    for (const prop of props) {
      expect(allowed).toContain(`${prop},asc`);
      expect(allowed).toContain(`${prop},desc`);
    }
  });

  it('sends the table and the address the same sort the list is asked for', () => {
    for (const view of ['ContactsView.vue', 'CluesView.vue']) {
      const source = readFileSync(join(here, view), 'utf8');
      expect(source).toContain(':default-sort="list.defaultSort.value"');
      expect(source).toContain('@sort-change="list.sortBy"');
      expect(source).toMatch(/load: async \(\{[^}]*\bsort\b[^}]*\}\)/);
    }
  });
});
