// Reading what the inspector works on: their tasks, each unit's permit facts and each task's checklist, through the
// offline cache (cache.ts), so the screens work at the factory gate without a network.
import { cached, type Cached } from './cache';
import { directoryApi, inspectionApi, type ChecklistDetail, type TaskView, type UnitDetail } from './api';

async function ok<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await call;
  if (error !== undefined || data === undefined) throw error ?? new Error('no answer');
  return data;
}

/** The inspector's open tasks (the service limits an INSPECTOR to tasks assigned to them), earliest due first. */
export function myTasks(): Promise<Cached<TaskView[]>> {
  return cached('tasks', async () => {
    const open: TaskView[] = [];
    for (const status of ['ASSIGNED', 'IN_PROGRESS'] as const) {
      // 200 is the service's page limit; an inspector's open tasks are a handful.
      const page = await ok(inspectionApi.GET('/api/v1/tasks', { params: { query: { status, size: 200 } } }));
      open.push(...page.items);
    }
    return open.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  });
}

export function unitOf(permitNo: string): Promise<Cached<UnitDetail>> {
  return cached(`unit:${permitNo}`, () =>
    ok(directoryApi.GET('/api/v1/directory/units/{permitNo}', { params: { path: { permitNo } } })),
  );
}

export function checklistOf(taskId: string): Promise<Cached<ChecklistDetail>> {
  return cached(`checklist:${taskId}`, () =>
    ok(inspectionApi.GET('/api/v1/checklists/current', { params: { query: { taskId } } })),
  );
}

export function taskOf(taskId: string): Promise<Cached<TaskView>> {
  return cached(`task:${taskId}`, () => ok(inspectionApi.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId } } })));
}

/** Monday-based week of `today`: the tasks due up to its Sunday are "this week". */
export function endOfWeek(today: Date): string {
  const d = new Date(today);
  const day = (d.getDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setDate(d.getDate() + (6 - day));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
