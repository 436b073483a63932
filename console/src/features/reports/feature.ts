import { Document } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import { messages } from './messages';

// 报表: the seed notice's forms on screen as an officer fills them on paper (附件1, 附件3) and the monthly dispatch,
// each next to its XLSX from reporting-service (the same table, so what is downloaded is what was seen).
export default {
  order: 90,
  menu: { path: '/reports', label: 'menu.reports', icon: Document },
  routes: [
    { path: 'reports', name: 'reports', redirect: { name: 'report-summary' } },
    { path: 'reports/summary', name: 'report-summary', component: () => import('./SummaryReport.vue') },
    { path: 'reports/plan', name: 'report-plan', component: () => import('./PlanReport.vue') },
    { path: 'reports/dispatch', name: 'report-dispatch', component: () => import('./DispatchReport.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
