import { Monitor } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import { messages } from './messages';

// 自动监控 (issue 18): monitoring points (list, registration, the provincial sheet's import), outlets that must be
// monitored and have none, and 联网率 / 传输有效率 per county. A unit's live values are on its 名录库 page.
export default {
  order: 25,
  menu: { path: '/monitoring', label: 'monitoring.menu', icon: Monitor, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'monitoring', name: 'monitoring', redirect: { name: 'monitoring-points' } },
    { path: 'monitoring/points', name: 'monitoring-points', component: () => import('./PointsView.vue') },
    { path: 'monitoring/unmonitored', name: 'monitoring-unmonitored', component: () => import('./UnmonitoredView.vue') },
    { path: 'monitoring/coverage', name: 'monitoring-coverage', component: () => import('./CoverageView.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
