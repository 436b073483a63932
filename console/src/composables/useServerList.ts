// A list the server pages, sorts and filters (every list is paged, ADR 0001), with its state in the address so a
// filtered list is a link the dashboard and colleagues can open. Screens give their filter names and a loader that
// calls the typed client; the composable keeps page, size, sort and the form in step with the route.
import { computed, reactive, ref, watch, type ComputedRef, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { problemText } from '../api/problem';

export interface ListQuery<F> {
  filters: Partial<F>;
  page: number;
  size: number;
  /** `property,asc` or `property,desc`, as the services take it; absent for the server's default order. */
  sort?: string;
}

/**
 * The values a list operation's contract allows for `sort` (its enum, docs/api/README.md "Sorting"), e.g.
 * `SortOf<paths['/api/v1/plans']['get']['parameters']['query']>`: the address holds a plain string, the server refuses
 * anything outside the enum with a 400 naming `sort` (shown as the list's problem).
 */
export type SortOf<Q> = NonNullable<Q> extends { sort?: infer S } ? S : never;

/** `field,asc|desc` as el-table's default-sort, so the column shows the order the address asks for. */
export function tableSort(sort: string | undefined): { prop: string; order: 'ascending' | 'descending' } | undefined {
  const [prop, dir] = (sort ?? '').split(',');
  if (!prop || (dir !== 'asc' && dir !== 'desc')) return undefined;
  return { prop, order: dir === 'asc' ? 'ascending' : 'descending' };
}

/** What the loader hands back: a page, or the problem the typed client answered with. */
export type ListAnswer<T> = { data?: { items: T[]; total: number }; error?: unknown };

export interface ServerList<F, T> {
  form: F;
  items: Ref<T[]>;
  total: Ref<number>;
  page: Ref<number>;
  size: Ref<number>;
  sort: Ref<string | undefined>;
  /** For el-table's default-sort: the column and direction of `sort`. */
  defaultSort: ComputedRef<{ prop: string; order: 'ascending' | 'descending' } | undefined>;
  loading: Ref<boolean>;
  error: Ref<string>;
  search(): void;
  reset(): void;
  turn(page1Based: number): void;
  resize(size: number): void;
  /** For el-table's sort-change: `{ prop, order: 'ascending' | 'descending' | null }`. */
  sortBy(change: { prop?: string; order?: string | null }): void;
  reload(): Promise<void>;
}

export function useServerList<F extends Record<string, string | undefined>, T>(options: {
  filters: readonly (keyof F & string)[];
  load: (query: ListQuery<F>) => Promise<ListAnswer<T>>;
  size?: number;
}): ServerList<F, T> {
  const route = useRoute();
  const router = useRouter();
  const name = route.name;

  const one = (query: LocationQuery, k: string) =>
    typeof query[k] === 'string' && query[k] !== '' ? (query[k] as string) : undefined;
  const filtersOf = (query: LocationQuery) =>
    Object.fromEntries(options.filters.map((k) => [k, one(query, k)])) as F;

  const form = reactive(filtersOf(route.query)) as F;
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(0);
  const size = ref(options.size ?? 20);
  const sort = ref<string | undefined>();
  const loading = ref(false);
  const error = ref('');
  let generation = 0;

  async function reload() {
    const mine = ++generation; // an older answer arriving late must not overwrite a newer one
    loading.value = true;
    error.value = '';
    const defined = Object.fromEntries(Object.entries(filtersOf(route.query)).filter(([, v]) => v !== undefined));
    const answer = await options
      .load({ filters: defined as Partial<F>, page: page.value, size: size.value, sort: sort.value })
      .catch((e: unknown) => ({ error: e }) as ListAnswer<T>);
    if (mine !== generation) return;
    loading.value = false;
    if (answer.error || !answer.data) {
      error.value = problemText(answer.error);
      items.value = [];
      total.value = 0;
      return;
    }
    items.value = answer.data.items;
    total.value = answer.data.total;
  }

  function go(extra: Record<string, string | undefined>) {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...route.query, ...extra })) if (typeof v === 'string' && v !== '') query[k] = v;
    void router.push({ name: name ?? undefined, params: route.params, query });
  }

  const search = () => go({ ...(form as Record<string, string | undefined>), page: undefined });
  const reset = () => {
    for (const k of options.filters) (form as Record<string, string | undefined>)[k] = undefined;
    search();
  };
  const turn = (to: number) => go({ page: to > 1 ? String(to - 1) : undefined });
  const resize = (to: number) => go({ size: String(to), page: undefined });
  const sortBy = (change: { prop?: string; order?: string | null }) =>
    go({
      sort: change.prop && change.order ? `${change.prop},${change.order === 'ascending' ? 'asc' : 'desc'}` : undefined,
      page: undefined,
    });

  watch(
    () => route.query,
    (query) => {
      if (route.name !== name) return; // leaving the screen
      Object.assign(form, filtersOf(query));
      page.value = Number(one(query, 'page') ?? 0) || 0;
      size.value = Number(one(query, 'size') ?? options.size ?? 20) || 20;
      sort.value = one(query, 'sort');
      void reload();
    },
    { immediate: true },
  );

  const defaultSort = computed(() => tableSort(sort.value));

  return { form, items, total, page, size, sort, defaultSort, loading, error, search, reset, turn, resize, sortBy, reload };
}
