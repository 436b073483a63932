import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

// monitoring-service's answers, as it sends them: the preview of a dry run, and the problem+json of a bad sheet.
const post = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  monitoringApi: { POST: (...args: unknown[]) => post(...args) },
}));

import ImportDialog from './ImportDialog.vue';

const choose = async (name: string) => {
  const input = document.querySelector('[data-test=import-file]') as HTMLInputElement;
  const file = new File(['MN号,密码\n'], name, { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
  await flushPromises();
  return file;
};
const button = (test: string) => document.querySelector(`[data-test=${test}]`) as HTMLButtonElement;

describe('ImportDialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''; // the dialog teleports to the body
    post.mockReset();
  });

  it('checks the file first (dry run), shows the preview, and only then imports it', async () => {
    const preview = {
      dryRun: true,
      rows: 2,
      created: 1,
      updated: 0,
      unchanged: 1,
      preview: [
        { row: 2, mn: 'MN1', permitNo: 'P1', unitName: '太原一电厂', outletCode: 'DA001', outletOnPermit: true, pollutants: ['a21026', 'a21002'], action: 'CREATE' },
        { row: 3, mn: 'MN2', permitNo: 'P1', unitName: '太原一电厂', outletCode: 'DA009', outletOnPermit: false, pollutants: ['a34013'], action: 'UNCHANGED' },
      ],
    };
    post.mockResolvedValueOnce({ data: preview }).mockResolvedValueOnce({ data: { ...preview, dryRun: false } });
    const wrapper = mount(ImportDialog, { props: { modelValue: false }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    const file = await choose('点位.csv');

    expect(button('import-commit').disabled).toBe(true); // nothing to import before a check
    button('import-preview-button').click();
    await flushPromises();
    const [path, options] = post.mock.calls[0]!;
    expect(path).toBe('/api/v1/monitoring/points/import');
    expect(options.params).toEqual({ query: { dryRun: true } });
    expect((options.body as FormData).get('file')).toEqual(file);
    expect(document.querySelector('[data-test=import-summary]')?.textContent).toContain('共 2 行，新增 1，更新 0，未变 1。尚未保存');
    const preview1 = document.querySelector('[data-test=import-preview]')!.textContent!;
    expect(preview1).toContain('a21026、a21002');
    expect(preview1).toContain('许可证无此排放口'); // DA009 is not on the permit: shown, as the service accepts it
    expect(preview1).toContain('未变');
    expect(wrapper.emitted('imported')).toBeUndefined();

    await vi.waitFor(() => expect(button('import-commit').disabled).toBe(false), { timeout: 20_000 });
    button('import-commit').click();
    await flushPromises();
    expect(post.mock.calls[1]![1].params).toEqual({ query: { dryRun: false } });
    expect(wrapper.emitted('imported')?.[0]?.[0]).toMatchObject({ dryRun: false, created: 1 });
    expect(document.querySelector('[data-test=import-summary]')?.textContent).toContain('已导入');
    wrapper.unmount();
  });

  it('lists the problems by sheet row and column and offers no import', async () => {
    post.mockResolvedValue({
      error: {
        type: 'urn:permitwatch:problem:validation-failed',
        title: 'Bad Request',
        status: 400,
        code: 'validation-failed',
        detail: '2 problem(s) in the file; nothing was imported',
        errors: [
          { field: 'rows[7].permitNo', message: 'no permit of that number in the directory of your division' },
          { field: 'rows[3].mn', message: 'the MN is in row 2 of the file too' },
        ],
      },
    });
    const wrapper = mount(ImportDialog, { props: { modelValue: true }, attachTo: document.body });
    await flushPromises();
    await choose('bad.xlsx');
    button('import-preview-button').click();
    await flushPromises();

    const rows = [...document.querySelectorAll('[data-test=import-problems] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows).toEqual([
      ['3', '数采仪MN号', 'the MN is in row 2 of the file too'],
      ['7', '排污许可证编号', 'no permit of that number in the directory of your division'],
    ]);
    expect(document.querySelector('[data-test=import-problem]')?.textContent).toContain('文件有误，未导入任何点位');
    expect(button('import-commit').disabled).toBe(true);
    expect(wrapper.emitted('imported')).toBeUndefined();
    wrapper.unmount();
  });
});
