import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount, flushPromises } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { tableSort, useServerList, type ListQuery, type ServerList } from './useServerList';

type Row = { name: string };

/** A screen with one server list; the loader records what it was asked. */
async function screen(path: string) {
  const asked: ListQuery<{ q?: string }>[] = [];
  let list!: ServerList<{ q?: string }, Row>;
  const View = defineComponent({
    setup() {
      list = useServerList<{ q?: string }, Row>({
        filters: ['q'],
        load: async (query) => {
          asked.push(query);
          return { data: { items: [{ name: 'a' }], total: 1 } };
        },
      });
      return () => h('div');
    },
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/units', name: 'units', component: View }] });
  await router.push(path);
  await router.isReady();
  mount({ render: () => h(View) }, { global: { plugins: [router] } });
  await flushPromises();
  return { asked, list: () => list, router };
}

describe('server-side sorting of a list', () => {
  it('turns a column header click into sort=<field>,<dir> in the address and the request, from page 1', async () => {
    const { asked, list, router } = await screen('/units?page=3&q=焦化');
    expect(asked.at(-1)).toMatchObject({ page: 3, sort: undefined, filters: { q: '焦化' } });

    list().sortBy({ prop: 'unitName', order: 'descending' });
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ q: '焦化', sort: 'unitName,desc' });
    expect(asked.at(-1)).toMatchObject({ page: 0, sort: 'unitName,desc', filters: { q: '焦化' } });
    expect(list().defaultSort.value).toEqual({ prop: 'unitName', order: 'descending' });

    list().sortBy({ prop: 'unitName', order: 'ascending' });
    await flushPromises();
    expect(asked.at(-1)!.sort).toBe('unitName,asc');

    // the third click clears the sort: the server's default order again
    list().sortBy({ prop: 'unitName', order: null });
    await flushPromises();
    expect(router.currentRoute.value.query.sort).toBeUndefined();
    expect(asked.at(-1)!.sort).toBeUndefined();
    await nextTick();
  });

  it('shows the address\'s sort on the table and ignores what is not field,asc|desc', () => {
    expect(tableSort('validTo,asc')).toEqual({ prop: 'validTo', order: 'ascending' });
    expect(tableSort('validTo,desc')).toEqual({ prop: 'validTo', order: 'descending' });
    expect(tableSort('validTo')).toBeUndefined();
    expect(tableSort('validTo,up')).toBeUndefined();
    expect(tableSort(undefined)).toBeUndefined();
  });
});
