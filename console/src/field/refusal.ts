// A refused record back in the form: the service names fields of the request body (items[2].subPoints,
// measurements[0].outletCode, evidence[1].takenAt, position, backdateReason); the form shows each next to its field.
// items[i] is the i-th JUDGED item of the body (the body lists only the items the inspector judged), so it is mapped
// to that item's id — the form's checklist shows every item, in another order.
import { fieldErrors } from '../api/problem';
import type { RecordInputCreate } from './api';

/** Field errors keyed as the form looks them up: `item:<itemId>…` for items, the service's name for the rest. */
export function refusalErrors(body: RecordInputCreate, problem: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(problem))) {
    const item = /^items\[(\d+)\](.*)$/.exec(field);
    const id = item ? body.items?.[Number(item[1])]?.itemId : undefined;
    const key = id ? `item:${id}${item![2]}` : field;
    out[key] = out[key] ? `${out[key]}；${message}` : message;
  }
  return out;
}
