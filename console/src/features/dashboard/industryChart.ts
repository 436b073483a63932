// Only the ECharts parts the dashboard draws (tree-shaken, and in the dashboard's lazy chunk).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { DirectoryStats, KeyIndustry, ManagementCategory } from '../../api/client';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
export { echarts };

export const CATEGORIES: ManagementCategory[] = ['KEY', 'SIMPLIFIED', 'REGISTRATION'];

/** Units per plan-table industry row, one stacked series per management category (the directory's own counts). */
export function industryMatrix(stats: DirectoryStats): { industries: KeyIndustry[]; counts: Record<ManagementCategory, number[]> } {
  const rows = stats.rows ?? [];
  const industries = [...new Set(rows.map((r) => r.keyIndustry).filter((k): k is KeyIndustry => !!k))];
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, industries.map(() => 0)])) as Record<ManagementCategory, number[]>;
  for (const row of rows) {
    if (!row.keyIndustry || !row.managementCategory) continue;
    const series = counts[row.managementCategory];
    const at = industries.indexOf(row.keyIndustry);
    series[at] = (series[at] ?? 0) + (row.units ?? 0);
  }
  return { industries, counts };
}
