import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

const put = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  inspectionApi: { PUT: (...args: unknown[]) => put(...args) },
}));

import ReassignDialog from './ReassignDialog.vue';

const task = { id: 't1', permitNumber: 'P1', status: 'ASSIGNED' as const, inspectorIds: ['a', 'b'] };
const names = { a: '张三', b: '李四', c: '王五' };

describe('ReassignDialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''; // the dialog teleports to the body
  });

  it("sends the chosen officers with the reason and shows the rule the service names under the officer it names", async () => {
    put.mockResolvedValue({
      error: {
        title: 'Bad Request',
        status: 400,
        code: 'validation-failed',
        detail: 'request validation failed',
        errors: [{ field: 'inspectorIds[1]', message: 'has declared a conflict of interest with P1 (回避)' }],
      },
    });
    const wrapper = mount(ReassignDialog, { props: { modelValue: false, task, names }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    const field = document.querySelector('[data-test=reassign-reason]')!;
    const reason = (field.tagName === 'TEXTAREA' ? field : field.querySelector('textarea')) as HTMLTextAreaElement;
    reason.value = '李四回避';
    reason.dispatchEvent(new Event('input'));
    (document.querySelector('[data-test=reassign-save]') as HTMLButtonElement).click();
    await flushPromises();

    expect(put).toHaveBeenCalledWith('/api/v1/tasks/{id}/inspectors', {
      params: { path: { id: 't1' } },
      body: { inspectorIds: ['a', 'b'], reason: '李四回避' },
    });
    const item = document.querySelector('[data-test=reassign-officers]')!.closest('.el-form-item')!;
    // inspectorIds[1] is the second chosen officer, 李四
    await vi.waitFor(
      () => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('李四：has declared a conflict of interest with P1 (回避)'),
      { timeout: 20_000 },
    );
    expect(wrapper.emitted('reassigned')).toBeUndefined();
    wrapper.unmount();
  });

  it('hands the task as saved back and closes', async () => {
    put.mockResolvedValue({ data: { ...task, inspectorIds: ['a', 'c'] } });
    const wrapper = mount(ReassignDialog, { props: { modelValue: false, task, names }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    (document.querySelector('[data-test=reassign-save]') as HTMLButtonElement).click();
    await flushPromises();
    expect(wrapper.emitted('reassigned')?.[0]).toEqual([{ ...task, inspectorIds: ['a', 'c'] }]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });
});
