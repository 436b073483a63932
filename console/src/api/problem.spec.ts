import { describe, expect, it } from 'vitest';
import { asProblem, fieldErrors, problemText } from './problem';

describe('problem+json in the console', () => {
  const problem = {
    type: 'about:blank',
    title: 'Unprocessable Content',
    status: 422,
    detail: '请求校验未通过',
    code: 'validation-failed',
    errors: [
      { field: 'month', message: '必须是 1 到 12' },
      { field: 'items[0].quota', message: '不能为负数' },
      { field: 'month', message: '不能为空' },
    ],
  };

  it('puts each field error under the field it names, joining two for one field', () => {
    expect(fieldErrors(problem)).toEqual({ month: '必须是 1 到 12；不能为空', 'items[0].quota': '不能为负数' });
  });

  it('drops a prefix the form does not use', () => {
    expect(fieldErrors({ ...problem, errors: [{ field: 'plan.month', message: 'x' }] }, 'plan.')).toEqual({ month: 'x' });
  });

  it('shows the detail, then the title, and turns a thrown error into a problem', () => {
    expect(problemText(problem)).toBe('请求校验未通过');
    expect(problemText({ title: 'Forbidden' })).toBe('Forbidden');
    expect(asProblem(new TypeError('Failed to fetch')).title).toBe('Failed to fetch');
    expect(fieldErrors(new Error('network'))).toEqual({});
  });
});
