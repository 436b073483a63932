import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useSession } from '../../auth/session';

// The service's answers as its contract gives them (docs/api/inspection-service.json).
const get = vi.fn();
const post = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  inspectionApi: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));

import CaseDocuments from './CaseDocuments.vue';

/** GET answers by path: the documents list and the interviews list are two calls. */
function answers(documents: unknown[], interviews: unknown[] = []) {
  get.mockImplementation((path: string) =>
    Promise.resolve({
      data: path.endsWith('/interviews')
        ? { items: interviews, page: 0, size: 200, total: interviews.length }
        : { items: documents, page: 0, size: 200, total: documents.length },
    }),
  );
}
function documentReads() {
  return get.mock.calls.filter((c) => c[0] === '/api/v1/cases/{caseId}/documents');
}

const decided = {
  id: 'c1',
  status: 'DECIDED' as const,
  recordId: 'r1',
  proposals: [{ id: 'p1' }],
  decisions: [{ id: 'd1', kind: 'FINE' as const }],
};
const inspection = {
  id: 'doc1',
  kind: 'INSPECTION_RECORD' as const,
  title: '现场检查（勘察）笔录',
  documentNo: '并环检笔〔2026〕1号',
  issuedAt: '2026-12-05T02:00:00Z',
  issuedBy: 'ty-admin',
};

describe('the case documents panel', () => {
  it('lists the issued documents and issues the next one with an Idempotency-Key', async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    get.mockReset();
    post.mockReset();
    answers([inspection]);
    post.mockResolvedValue({ data: { ...inspection, id: 'doc2', kind: 'PENALTY_DECISION', documentNo: '并环罚〔2026〕1号' } });
    const wrapper = mount(CaseDocuments, { props: { detail: decided } });
    await flushPromises();

    expect(wrapper.find('[data-test=document-no]').text()).toBe('并环检笔〔2026〕1号');
    // the inspection record is issued, the FINE decision is not yet: that is the first kind offered
    await wrapper.find('[data-test=issue-form]').trigger('submit');
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{caseId}/documents', {
      params: { path: { caseId: 'c1' }, header: { 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) } },
      body: { kind: 'PENALTY_DECISION', subjectId: undefined },
    });
    expect(documentReads()).toHaveLength(2); // the list is read again after the issue
    wrapper.unmount();
  });

  it("shows the service's refusal and keeps the form", async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    get.mockReset();
    post.mockReset();
    answers([]);
    post.mockResolvedValue({
      error: { type: 'about:blank', title: 'Conflict', status: 409, code: 'fine-decision-required', detail: '案件尚无罚款决定' },
    });
    const wrapper = mount(CaseDocuments, { props: { detail: decided } });
    await flushPromises();
    await wrapper.find('[data-test=issue-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=problem]').text()).toContain('案件尚无罚款决定');
    expect(wrapper.find('[data-test=issue-form]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('reissues the current document with its reason; the replaced one is shown void and offers no reissue', async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    get.mockReset();
    post.mockReset();
    const replaced = { ...inspection, id: 'doc0', documentNo: '并环检笔〔2026〕1号', reissuedBy: 'doc1' };
    const current = {
      ...inspection,
      id: 'doc1',
      documentNo: '并环检笔〔2026〕2号',
      reissueOf: 'doc0',
      reissueReason: '检查时间笔误',
    };
    answers([current, replaced]);
    post.mockResolvedValue({ data: { ...current, id: 'doc2', documentNo: '并环检笔〔2026〕3号' } });
    const wrapper = mount(CaseDocuments, { props: { detail: decided }, attachTo: document.body });
    await flushPromises();

    expect(wrapper.find('[data-test="voided-并环检笔〔2026〕1号"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="voided-并环检笔〔2026〕2号"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="reissue-并环检笔〔2026〕1号"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('更正重发，原因：检查时间笔误');
    await wrapper.find('[data-test="reissue-并环检笔〔2026〕2号"]').trigger('click');
    await flushPromises();
    // the dialog is teleported out of the wrapper: fill and send it through the component's own state
    const state = (wrapper.vm as unknown as { $: { setupState: Record<string, any> } }).$.setupState;
    expect(state.reissue.open).toBe(true);
    expect(state.reissue.of.id).toBe('doc1');
    state.reissue.reason = '单位名称错字';
    await state.sendReissue();
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{caseId}/documents', {
      params: { path: { caseId: 'c1' }, header: { 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) } },
      body: { kind: 'INSPECTION_RECORD', subjectId: undefined, reissueOf: 'doc1', reason: '单位名称错字' },
    });
    wrapper.unmount();
  });

  it('asks the server for the 文号 order when the number header is sorted', async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    get.mockReset();
    answers([inspection]);
    const wrapper = mount(CaseDocuments, { props: { detail: decided } });
    await flushPromises();
    expect(documentReads()[0]![1].params.query.sort).toBe('issuedAt,desc');
    wrapper.findComponent({ name: 'ElTable' }).vm.$emit('sort-change', { prop: 'documentNo', order: 'ascending' });
    await flushPromises();
    expect(documentReads().at(-1)![1].params.query.sort).toBe('documentNo,asc');
    wrapper.unmount();
  });

  it('offers the interview record for each recorded interview not yet printed', async () => {
    useSession().caller = { subject: 'xd-admin', name: '小店管理员', division: '140105', roles: ['COUNTY'] };
    get.mockReset();
    post.mockReset();
    const interview = {
      id: 'i1',
      caseId: 'c1',
      intervieweeName: '张**',
      intervieweeIdNumber: '140105********123X',
      intervieweeRole: '环保负责人',
      startedAt: '2026-12-04T06:00:00Z',
      officers: [{ name: '王建国', certificateNo: '14010020260001' }],
    };
    answers([inspection], [interview]);
    post.mockResolvedValue({ data: { ...inspection, id: 'doc9', kind: undefined, documentKind: 'INTERVIEW_RECORD' } });
    const open = { id: 'c1', status: 'OPEN' as const, recordId: 'r1' };
    const wrapper = mount(CaseDocuments, { props: { detail: open } });
    await flushPromises();
    expect(wrapper.find('[data-test=interview-row-name]').text()).toBe('张**');
    // the inspection record is issued: the interview record is the one kind left for the county
    await wrapper.find('[data-test=issue-form]').trigger('submit');
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{caseId}/documents', {
      params: { path: { caseId: 'c1' }, header: { 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) } },
      body: { kind: 'INTERVIEW_RECORD', subjectId: 'i1' },
    });
    wrapper.unmount();
  });
});
