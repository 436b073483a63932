import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';

// The service's answers as its contract gives them (docs/api/inspection-service.json).
const get = vi.fn();
const post = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  inspectionApi: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));

import CaseInterviewForm from './CaseInterviewForm.vue';

const inspectors = {
  data: {
    items: [
      { id: 'o1', name: '王建国', certificateNo: '14010020260001' },
      { id: 'o2', name: '李明', certificateNo: '14010020260002' },
    ],
    page: 0,
    size: 200,
    total: 2,
  },
};

async function fill(wrapper: ReturnType<typeof mount>) {
  const vm = wrapper.vm as unknown as { $: { setupState: { form: Record<string, unknown> } } };
  Object.assign(vm.$.setupState.form, {
    intervieweeName: '张志强',
    intervieweeIdNumber: '14010519800101123X',
    intervieweeRole: '环保负责人',
    place: '会议室',
    startedAt: '2026-12-04T14:00:00',
    endedAt: '2026-12-04T14:45:00',
    officerIds: ['o1', 'o2'],
    questions: [{ question: '旁路为何开启？', answer: '检修时临时开启。' }],
    confirmation: '以上笔录我已看过，与我说的一致',
  });
  await flushPromises();
}

describe('the interview form', () => {
  it('offers the directory as officers and sends the interview with instants', async () => {
    get.mockResolvedValue(inspectors);
    post.mockResolvedValue({ data: { id: 'i1' } });
    const wrapper = mount(CaseInterviewForm, { props: { caseId: 'c1' } });
    await flushPromises();
    expect(get).toHaveBeenCalledWith('/api/v1/inspectors', { params: { query: { size: 200 } } });
    await fill(wrapper);
    await wrapper.find('[data-test=interview-form]').trigger('submit');
    await flushPromises();
    const [path, request] = post.mock.calls[0]!;
    expect(path).toBe('/api/v1/cases/{caseId}/interviews');
    expect(request.params).toEqual({ path: { caseId: 'c1' } });
    expect(request.body).toMatchObject({
      intervieweeName: '张志强',
      officerIds: ['o1', 'o2'],
      questions: [{ question: '旁路为何开启？', answer: '检修时临时开启。' }],
    });
    // local wall time → an instant: 45 minutes apart whatever the test machine's zone
    expect(Date.parse(request.body.endedAt) - Date.parse(request.body.startedAt)).toBe(45 * 60 * 1000);
    expect(wrapper.emitted('recorded')).toEqual([['i1']]);
    wrapper.unmount();
  });

  it('puts each field error the service names beside its field, the answer of a question included', async () => {
    get.mockResolvedValue(inspectors);
    post.mockResolvedValue({
      error: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation-failed',
        detail: 'request validation failed',
        errors: [
          { field: 'endedAt', message: 'must be after startedAt' },
          { field: 'questions[0].answer', message: 'is required' },
        ],
      },
    });
    const wrapper = mount(CaseInterviewForm, { props: { caseId: 'c1' } });
    await flushPromises();
    await fill(wrapper);
    await wrapper.find('[data-test=interview-form]').trigger('submit');
    await flushPromises();
    const errorOf = (label: string) =>
      wrapper.findAllComponents({ name: 'ElFormItem' }).find((f) => f.props('label') === label)?.props('error');
    expect(errorOf('结束时间')).toBe('must be after startedAt');
    expect(errorOf('答 1')).toBe('is required');
    expect(errorOf('问 1')).toBeUndefined();
    expect(wrapper.emitted('recorded')).toBeUndefined();
    wrapper.unmount();
  });
});
