// RFC 9457 problems as every service answers them (ADR 0001, docs/api/README.md): the console shows `detail` to the
// officer and puts each `errors[]` entry next to the form field it names.
import type { components } from './generated/inspection-service';

export type Problem = components['schemas']['Problem'];
export type FieldProblem = components['schemas']['FieldProblem'];

/** Anything a call can fail with (a problem body, a network error, a thrown Error) as a problem. */
export function asProblem(error: unknown): Problem {
  if (error && typeof error === 'object' && ('title' in error || 'detail' in error || 'code' in error)) {
    return error as Problem;
  }
  return { title: error instanceof Error ? error.message : String(error) } as Problem;
}

export function problemText(error: unknown): string {
  const p = asProblem(error);
  return p.detail ?? p.title ?? '';
}

/**
 * The field errors of a problem keyed by the form's field names: `items[0].code` stays as it is, and a prefix the
 * form does not use (a request wrapper such as `body.`) is dropped, so `<el-form-item :error="errors.x">` just works.
 */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of asProblem(error).errors ?? []) {
    const field = prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field;
    out[field] = out[field] ? `${out[field]}；${e.message}` : e.message;
  }
  return out;
}
