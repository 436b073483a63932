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
    get.mockResolvedValue({ data: { items: [inspection], page: 0, size: 200, total: 1 } });
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
    expect(get).toHaveBeenCalledTimes(2); // the list is read again after the issue
    wrapper.unmount();
  });

  it("shows the service's refusal and keeps the form", async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    get.mockResolvedValue({ data: { items: [], page: 0, size: 200, total: 0 } });
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
});
