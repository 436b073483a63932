// The public verification page with a real draw of the service, served as the two public APIs serve it: it shows the
// commitment and the seed, reads the population page by page, and its button finds the re-run identical. It uses
// only the anonymous clients: the signed-in ones (and the session behind them) must never be touched.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import fixture from '../draws/fixtures/verification.json';

const eligible = fixture.verification.inputs.eligible;
const signedIn = vi.fn(() => {
  throw new Error('a public page called a signed-in client');
});

vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }), useRoute: () => ({ query: { city: '140100', month: '2026-12' } }) }));
vi.mock('../../api/client', async () => {
  const problem = await import('../../api/problem');
  return {
    problemText: problem.problemText,
    inspectionApi: { GET: signedIn },
    reportingApi: { GET: signedIn },
    // the service answers pages of 5 whatever was asked: the fixture's 7 units arrive as 5 + 2
    publicInspectionApi: {
      GET: vi.fn(async (_path: string, { params }: { params: { query: { page: number } } }) => {
        const page = params.query.page;
        return {
          data: {
            drawId: fixture.draw.id,
            cityCode: '140100',
            periodMonth: '2026-12',
            algorithm: 'permitwatch-draw-v1',
            seed: fixture.verification.seed,
            seedHash: fixture.draw.seedHash,
            eligibleFingerprint: fixture.draw.eligibleFingerprint,
            quotas: fixture.verification.inputs.quotas,
            targeted: [],
            eligible: eligible.slice(page * 5, page * 5 + 5),
            page,
            size: 5,
            total: eligible.length,
          },
        };
      }),
    },
    publicReportingApi: {
      GET: vi.fn(async () => ({
        data: {
          items: [
            {
              drawId: fixture.draw.id,
              cityCode: '140100',
              periodMonth: '2026-12',
              units: fixture.draw.units.map((u, i) => ({ seq: i + 1, permitNumber: u.permitNumber, stratum: u.stratum, unitName: `单位${i + 1}` })),
            },
          ],
          total: 1,
        },
      })),
    },
  };
});

describe('the public draw verification page', () => {
  it('follows commitment, reveal and re-run to identical without any signed-in call', async () => {
    const { default: View } = await import('./PublicDrawVerifyView.vue');
    const wrapper = mount(View, { props: { id: fixture.draw.id } });
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-test=public-seed-hash]').exists()).toBe(true);
    }, { timeout: 20_000 });
    expect(wrapper.find('[data-test=public-seed-hash]').text()).toBe(fixture.draw.seedHash);
    expect(wrapper.find('[data-test=public-seed]').text()).toBe(fixture.verification.seed);
    expect(wrapper.find('[data-test=public-population]').text()).toBe(String(eligible.length));
    expect(wrapper.find('[data-test=officers-note]').text()).toContain('个人信息');

    await wrapper.find('[data-test=public-rerun]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-test=public-result]').exists()).toBe(true);
    }, { timeout: 20_000 });
    expect(wrapper.find('[data-test=public-result]').attributes('data-identical')).toBe('true');
    expect(wrapper.find('[data-test=public-seed-ok]').text()).toContain('✔');
    expect(wrapper.find('[data-test=public-population-ok]').text()).toContain('✔');
    expect(signedIn).not.toHaveBeenCalled();
  });
});
