// The verification page with a real answer of the service: it explains the draw, shows the commitment and the seed,
// and its button re-runs the draw in the browser (Web Crypto) and finds it identical to what the draw published.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import fixture from './fixtures/verification.json';

vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }));
vi.mock('../../api/client', async () => {
  const problem = await import('../../api/problem');
  return {
    problemText: problem.problemText,
    inspectionApi: {
      GET: vi.fn(async (path: string) =>
        path.endsWith('/verification')
          ? { data: fixture.verification }
          : { data: { ...fixture.draw, seed: fixture.verification.seed, parameters: { algorithm: 'permitwatch-draw-v1' } } },
      ),
    },
  };
});

describe('the draw verification page', () => {
  it('re-runs the published draw in the browser and shows it identical', async () => {
    const { default: VerificationView } = await import('./VerificationView.vue');
    const wrapper = mount(VerificationView, { props: { id: fixture.draw.id } });
    await flushPromises();
    expect(wrapper.find('[data-test=algorithm]').text()).toContain('HMAC-SHA256');
    expect(wrapper.find('[data-test=seed-hash]').text()).toBe(fixture.draw.seedHash);
    expect(wrapper.find('[data-test=seed]').text()).toBe(fixture.verification.seed);

    await wrapper.find('[data-test=rerun]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-test=rerun-result]').exists()).toBe(true);
    }, { timeout: 20_000 });
    expect(wrapper.find('[data-test=rerun-result]').attributes('data-identical')).toBe('true');
    expect(wrapper.find('[data-test=browser-check]').text()).not.toContain('✘');
  });
});
