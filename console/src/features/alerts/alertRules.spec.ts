import { describe, expect, it } from 'vitest';
import { reviewable, reviewBody, type ReviewForm } from './alertRules';

const form: ReviewForm = {
  decision: 'TASK',
  reason: '已停产',
  facts: '许可证已过期仍在排放',
  method: 'ON_SITE',
  dueDate: '',
  inspectorIds: ['a', 'b'],
  department: '',
};

describe('the review of a remote alert', () => {
  it('is offered on OPEN alerts to bureau staff only', () => {
    expect(reviewable({ status: 'OPEN' }, ['CITY'])).toBe(true);
    expect(reviewable({ status: 'TASKED' }, ['CITY'])).toBe(false);
    expect(reviewable({ status: 'OPEN' }, ['INSPECTOR'])).toBe(false);
  });

  it('sends only what the chosen decision takes, leaving empty optional fields to the service defaults', () => {
    expect(reviewBody({ ...form, decision: 'DISMISS' })).toEqual({ decision: 'DISMISS', reason: '已停产' });
    expect(reviewBody({ ...form, decision: 'CASE' })).toEqual({ decision: 'CASE', facts: '许可证已过期仍在排放' });
    expect(reviewBody(form)).toEqual({ decision: 'TASK', method: 'ON_SITE', inspectorIds: ['a', 'b'], dueDate: undefined, department: undefined });
    expect(reviewBody({ ...form, dueDate: '2026-12-20' }).dueDate).toBe('2026-12-20');
  });
});
