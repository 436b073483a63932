import { describe, expect, it } from 'vitest';
import { refusalErrors } from './refusal';

describe('a refused record back in the form', () => {
  const body = {
    taskId: 't',
    items: [
      { itemId: 'item-7', result: 'NON_COMPLIANT' as const, subPoints: ['X'] },
      { itemId: 'item-2', result: 'COMPLIANT' as const },
    ],
  };

  it('puts an items[i] error on the i-th judged item of the body, the rest under the service’s field name', () => {
    const problem = {
      status: 422,
      detail: 'the inspection content does not match the checklist or the unit\'s permit',
      errors: [
        { field: 'items[0].subPoints', message: 'no such sub-point X' },
        { field: 'items[1]', message: 'duplicate item' },
        { field: 'measurements[0].outletCode', message: 'no such outlet on the unit\'s permit' },
        { field: 'backdateReason', message: 'is required' },
      ],
    };
    expect(refusalErrors(body, problem)).toEqual({
      'item:item-7.subPoints': 'no such sub-point X',
      'item:item-2': 'duplicate item',
      'measurements[0].outletCode': "no such outlet on the unit's permit",
      backdateReason: 'is required',
    });
  });

  it('an index beyond the body keeps the service’s name, so the message is still shown', () => {
    expect(refusalErrors(body, { title: 'Unprocessable', errors: [{ field: 'items[5].result', message: 'x' }] })).toEqual({ 'items[5].result': 'x' });
  });
});
