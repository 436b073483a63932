import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../../auth/session';

// The provider's answer to a bad password, as identity-service sends it (problem+json naming the field).
const post = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  identityApi: { POST: (...args: unknown[]) => post(...args) },
}));

import UserCreateDialog from './UserCreateDialog.vue';

describe('UserCreateDialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''; // the dialog teleports to the body
  });
  const settle = async () => {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50)); // Element Plus renders the error through a transition
  };

  it("shows the provider's field error under the field it names and keeps the dialog open", async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    post.mockResolvedValue({
      error: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation-failed',
        detail: '用户信息不符合要求',
        errors: [{ field: 'password', message: '至少 12 个字符' }],
      },
    });
    const wrapper = mount(UserCreateDialog, { props: { modelValue: false }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    (document.querySelector('[data-test=user-save]') as HTMLButtonElement).click();
    await settle();

    // A CITY administrator creates a COUNTY user by default (docs/identity.md).
    expect(post).toHaveBeenCalledWith('/auth/api/v1/users', { body: expect.objectContaining({ role: 'COUNTY' }) });
    const passwordItem = document.querySelector('[data-test=user-password]')!.closest('.el-form-item')!;
    // Element Plus shows the error through a transition: wait for it rather than for a fixed time (a busy machine).
    await vi.waitFor(() => expect(passwordItem.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('至少 12 个字符'), { timeout: 3_000 });
    expect(document.querySelector('[data-test=user-username]')!.closest('.el-form-item')!.querySelector('.el-form-item__error')).toBeNull();
    expect(document.querySelector('[data-test=problem]')?.textContent).toContain('用户信息不符合要求');
    expect(wrapper.emitted('created')).toBeUndefined();
    wrapper.unmount();
  });

  it('hands the created user back and closes', async () => {
    useSession().caller = { subject: 'ty-admin', name: '太原管理员', division: '140100', roles: ['CITY'] };
    post.mockResolvedValue({ data: { id: 'u1', username: 'xd-clerk', role: 'COUNTY', division: '140105' } });
    const wrapper = mount(UserCreateDialog, { props: { modelValue: false }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    (document.querySelector('[data-test=user-save]') as HTMLButtonElement).click();
    await settle();
    expect(wrapper.emitted('created')?.[0]).toEqual([{ id: 'u1', username: 'xd-clerk', role: 'COUNTY', division: '140105' }]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });
});
