import { describe, expect, it } from 'vitest';
import { nextDeadlines, progressSeries, violationBars, type Obligation, type Progress, type Summary } from './figures';

describe('工作台 figures', () => {
  it('draws planned, done and inspections per month and the completion over the year', () => {
    const progress: Progress = {
      year: 2027,
      months: [
        { month: '2027-01', tasksPlanned: 4, tasksDone: 4, inspections: 5 },
        { month: '2027-02', tasksPlanned: 6, tasksDone: 3, inspections: 3 },
        { month: '2027-03', tasksPlanned: 0, tasksDone: 0, inspections: 1 },
      ],
      total: { tasksPlanned: 10, tasksDone: 7, inspections: 9 },
    };
    const s = progressSeries(progress);
    expect(s.months).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(s.planned).toEqual([4, 6, 0]);
    expect(s.done).toEqual([4, 3, 0]);
    expect(s.inspections).toEqual([5, 3, 1]);
    expect(s.completion).toBe(70); // 7 of 10 tasks done
    expect(progressSeries({ months: [], total: { tasksPlanned: 0, tasksDone: 0 } }).completion).toBeNull();
  });

  it('lists violation types with findings, most first, in 附件1 labels', () => {
    const summary: Summary = {
      violationTypes: [
        { code: 'UNPERMITTED_DISCHARGE', label: '无证排污' },
        { code: 'EXCEEDING_LIMITS', label: '超标排放' },
        { code: 'LEDGER_INCOMPLETE', label: '台账不规范' },
        { code: 'FUGITIVE_EMISSION', label: '无组织排放' },
      ],
      total: { violations: { EXCEEDING_LIMITS: 3, LEDGER_INCOMPLETE: 5, FUGITIVE_EMISSION: 3, UNPERMITTED_DISCHARGE: 0 } },
    };
    expect(violationBars(summary)).toEqual([
      { code: 'LEDGER_INCOMPLETE', label: '台账不规范', count: 5 },
      { code: 'EXCEEDING_LIMITS', label: '超标排放', count: 3 },
      { code: 'FUGITIVE_EMISSION', label: '无组织排放', count: 3 },
    ]);
  });

  it('shows the next deadlines from today, soonest first, with the days left', () => {
    const obligations: Obligation[] = [
      { title: '月度调度', instances: [
        { period: '2027-05', dueDate: '2027-06-05' },
        { period: '2027-06', dueDate: '2027-07-05' },
      ] },
      { title: '年度计划', instances: [{ period: '2027', dueDate: '2027-06-01' }] },
    ];
    expect(nextDeadlines(obligations, '2027-06-01')).toEqual([
      { obligation: '年度计划', period: '2027', dueDate: '2027-06-01', daysLeft: 0 },
      { obligation: '月度调度', period: '2027-05', dueDate: '2027-06-05', daysLeft: 4 },
      { obligation: '月度调度', period: '2027-06', dueDate: '2027-07-05', daysLeft: 34 }, // 29 days of June left + 5
    ]);
    expect(nextDeadlines(obligations, '2027-06-02', 1)).toEqual([
      { obligation: '月度调度', period: '2027-05', dueDate: '2027-06-05', daysLeft: 3 },
    ]);
  });
});
