import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CapacityPanel from './CapacityPanel.vue';

describe('the capacity check', () => {
  it('shows officers, days and the service\'s warnings when capacity is short', () => {
    // 2 officers × 250 days × 0.4 share = 200 officer-days available; 154 inspections × 2 officers × 1 day = 308 needed
    const wrapper = mount(CapacityPanel, {
      props: {
        capacity: {
          inspectorsOnPost: 2,
          inspectorsPerUnit: 2,
          workingDaysPerYear: 250,
          inspectionShare: 0.4,
          daysPerInspection: 1,
          availableInspectorDays: 200,
          neededInspectorDays: 308,
          sufficient: false,
          warnings: ['the plan needs 308.0 inspector-days, 200.0 are available'],
          months: [{ month: 1, neededInspectorDays: 28, availableInspectorDays: 16.7 }],
        },
      },
    });
    expect(wrapper.find('[data-test=capacity-short]').exists()).toBe(true);
    expect(wrapper.text()).toContain('the plan needs 308.0 inspector-days');
    expect(wrapper.find('[data-test=capacity-available]').text()).toBe('200');
    expect(wrapper.find('[data-test=capacity-needed]').text()).toBe('308');
    expect(wrapper.text()).toContain('人力不足');
  });

  it('shows no warning when the officers suffice', () => {
    const wrapper = mount(CapacityPanel, {
      props: { capacity: { inspectorsOnPost: 10, availableInspectorDays: 1000, neededInspectorDays: 40, sufficient: true, warnings: [] } },
    });
    expect(wrapper.find('[data-test=capacity-short]').exists()).toBe(false);
    expect(wrapper.text()).toContain('人力充足');
  });
});
