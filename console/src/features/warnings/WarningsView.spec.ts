// The warning calendar screen against monitoring-service's answers as it sends them: the page of warnings, a
// declaration, the problem+json of a bad one (the field named) and a lift.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const get = vi.fn();
const post = vi.fn();
vi.mock('vue-router', () => ({
  useRoute: () => ({ query: {} }),
  useRouter: () => ({ replace: vi.fn(async () => undefined), push: vi.fn(async () => undefined) }),
}));
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  monitoringApi: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));

import { useSession } from '../../auth/session';
import WarningsView from './WarningsView.vue';

const orange = {
  id: '11111111-2222-4333-8444-555555555555',
  provinceCode: '140000',
  cityCode: '140100',
  level: 'ORANGE',
  startsAt: '2026-12-05T20:00:00+08:00',
  endsAt: null,
  reference: '并重污染办〔2026〕12号',
  declaredBy: 'ty-admin',
  declaredAt: '2026-12-05T18:00:00+08:00',
  liftedBy: null,
  liftedAt: null,
  inForce: true,
};
const page = (items: unknown[]) => ({ data: { items, page: 0, size: 20, total: items.length } });
const el = (test: string) => document.querySelector(`[data-test=${test}]`) as HTMLElement;

describe('WarningsView', () => {
  beforeEach(() => {
    // src/test/setup.ts installs a fresh Pinia before each test: the session of 太原 city staff in it.
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
  });
  afterEach(() => {
    document.body.innerHTML = '';
    get.mockReset();
    post.mockReset();
  });

  it('lists the city’s warnings with level, open end and state', async () => {
    get.mockResolvedValue(page([orange]));
    const wrapper = mount(WarningsView, { attachTo: document.body });
    await flushPromises();
    expect(get.mock.calls[0]![0]).toBe('/api/v1/monitoring/heavy-pollution-warnings');
    const table = wrapper.find('[data-test=warnings]').text();
    expect(table).toContain('橙色预警');
    expect(table).toContain('未定（待解除）');
    expect(table).toContain('生效中');
    expect(table).toContain('并重污染办〔2026〕12号');
  });

  it('declares a warning for its own city and shows the field the service names', async () => {
    get.mockResolvedValue(page([]));
    const wrapper = mount(WarningsView, { attachTo: document.body });
    await flushPromises();
    await wrapper.find('[data-test=declare-open]').trigger('click');
    await flushPromises();
    // The city's staff declare for their own city: the form starts with it.
    const city = el('declare-city');
    expect(((city.tagName === 'INPUT' ? city : city.querySelector('input')) as HTMLInputElement).value).toBe('140100');

    post.mockResolvedValueOnce({
      error: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation-failed',
        detail: 'the warning has invalid fields',
        errors: [{ field: 'endsAt', message: 'must be after startsAt' }],
      },
    });
    el('declare-save').click();
    await flushPromises();
    const [path, options] = post.mock.calls[0]!;
    expect(path).toBe('/api/v1/monitoring/heavy-pollution-warnings');
    expect(options.body).toMatchObject({ cityCode: '140100', level: 'ORANGE' });
    const endsAtItem = el('declare-endsAt-item');
    await vi.waitFor(
      () => expect(endsAtItem.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('must be after startsAt'),
      { timeout: 3_000 },
    );
    expect(el('declare-problem').textContent).toContain('the warning has invalid fields');

    post.mockResolvedValueOnce({ data: orange });
    get.mockResolvedValue(page([orange]));
    el('declare-save').click();
    await flushPromises();
    expect(post).toHaveBeenCalledTimes(2);
    expect(wrapper.find('[data-test=warnings]').text()).toContain('橙色预警');
  });

  it('lifts a warning at the time given', async () => {
    get.mockResolvedValue(page([orange]));
    const wrapper = mount(WarningsView, { attachTo: document.body });
    await flushPromises();
    await wrapper.find(`[data-test=lift-${orange.id}]`).trigger('click');
    await flushPromises();
    post.mockResolvedValueOnce({ data: { ...orange, endsAt: '2026-12-07T12:00:00+08:00', liftedAt: '2026-12-07T11:00:00+08:00', inForce: false } });
    get.mockResolvedValue(page([]));
    el('lift-save').click();
    await flushPromises();
    const [path, options] = post.mock.calls[0]!;
    expect(path).toBe('/api/v1/monitoring/heavy-pollution-warnings/{id}/lift');
    expect(options.params).toEqual({ path: { id: orange.id } });
  });
});
