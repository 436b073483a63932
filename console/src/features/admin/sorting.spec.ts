import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every column header of the users table an administrator may click (sortable="custom") must be a value of the
// identity provider's sort enum in its contract of record, both ways: the provider refuses anything else with a 400.
const here = __dirname;
const contract = JSON.parse(readFileSync(join(here, '../../../../docs/api/identity-service.json'), 'utf8'));

describe('the sortable users table', () => {
  it('sorts only by values the provider allows, and sends the sort the list is asked for', () => {
    const source = readFileSync(join(here, 'UsersView.vue'), 'utf8');
    const props = [...source.matchAll(/<el-table-column\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => tag.includes('sortable="custom"'))
      .map((tag) => /\sprop="([^"]+)"/.exec(tag)?.[1] ?? '(no prop)');
    expect(props).toEqual(['username', 'displayName', 'role', 'division', 'lastLoginAt']);
    const parameters: { name?: string; schema?: { enum?: string[] } }[] = contract.paths['/auth/api/v1/users'].get.parameters;
    const allowed = parameters.find((p) => p.name === 'sort')?.schema?.enum ?? [];
    for (const prop of props) {
      expect(allowed).toContain(`${prop},asc`);
      expect(allowed).toContain(`${prop},desc`);
    }
    expect(source).toContain(':default-sort="list.defaultSort.value"');
    expect(source).toContain('@sort-change="list.sortBy"');
    expect(source).toMatch(/load: async \(\{[^}]*\bsort\b[^}]*\}\)/);
  });
});
