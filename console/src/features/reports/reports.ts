// What the three report screens share: their types (from reporting-service's contract of record), the default
// periods an officer asks for first, and the XLSX download with its progress flag.
import { ref } from 'vue';
import type { components } from '../../api/generated/reporting-service';
import { download, problemText } from '../../api/client';

export type SummaryTable = components['schemas']['SummaryTable'];
export type SummaryRow = components['schemas']['SummaryTableRow'];
export type PlanTable = components['schemas']['PlanTable'];
export type PlanRow = components['schemas']['PlanTableRow'];
export type DispatchReport = components['schemas']['DispatchReport'];
export type DispatchRow = components['schemas']['DispatchReportRow'];

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** 附件1 is asked for the year so far first: 1 January to today. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  return { from: `${today.getFullYear()}-01-01`, to: isoDate(today) };
}

/** The dispatch is monthly: the current month. */
export const defaultMonth = (today = new Date()) => `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;

/**
 * The figures of one 附件1 row in the column order of the form and its XLSX (序号, 区域, 行业类别, the violation
 * types in the table's order, 罚款, 整改完成情况, 是否完成整改, 备注); the browser test compares the file with this.
 */
export function summaryCells(table: SummaryTable, row: SummaryRow): (string | number)[] {
  const violations = (row.violations ?? {}) as Record<string, number>;
  return [
    row.no ?? '',
    row.region ?? '',
    row.industryLabel ?? '',
    ...(table.violationTypes ?? []).map((c) => violations[c.code ?? ''] ?? 0),
    Number(row.fineWanYuan ?? 0).toFixed(4),
    row.rectificationStatus ?? '',
    row.rectificationComplete ?? '',
    row.remarks ?? '',
  ];
}

/** An XLSX download with a flag the button shows as progress and the problem, if any, as text. */
export function useDownload() {
  const busy = ref(false);
  const error = ref('');
  async function run(path: string, fallbackName: string) {
    busy.value = true;
    error.value = '';
    try {
      await download(path, fallbackName);
    } catch (e) {
      error.value = problemText(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}

/** A query string of the defined values only. */
export function query(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}
