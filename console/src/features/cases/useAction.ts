// One form's submission: busy while it runs, the problem's detail above the form and each field error next to the
// field it names (RFC 9457 `errors[]`), nothing left from the previous attempt.
import { ref } from 'vue';
import { fieldErrors, problemText } from '../../api/client';

export function useAction() {
  const busy = ref(false);
  const errors = ref<Record<string, string>>({});
  const problem = ref('');

  async function run(call: () => Promise<{ error?: unknown }>): Promise<boolean> {
    busy.value = true;
    errors.value = {};
    problem.value = '';
    try {
      const { error } = await call();
      if (error) {
        errors.value = fieldErrors(error);
        problem.value = problemText(error);
        return false;
      }
      return true;
    } catch (e) {
      problem.value = problemText(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, errors, problem, run };
}
