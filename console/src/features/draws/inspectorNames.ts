// Officer ids as names: the draw and task screens show people, the API answers ids. One page of the caller's
// officers is read once per screen (a bureau has tens of officers, the page size allows 200).
import { ref } from 'vue';
import { inspectionApi } from '../../api/client';

export function useInspectorNames() {
  const names = ref<Record<string, string>>({});
  async function load() {
    const { data } = await inspectionApi.GET('/api/v1/inspectors', { params: { query: { size: 200 } } });
    names.value = Object.fromEntries((data?.items ?? []).map((i) => [i.id!, i.name ?? i.id!]));
  }
  const nameOf = (id: string) => names.value[id] ?? id.slice(0, 8);
  return { names, load, nameOf };
}
