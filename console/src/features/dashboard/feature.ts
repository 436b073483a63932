import { DataAnalysis } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';

export default {
  order: 10,
  menu: { path: '/dashboard', label: 'menu.dashboard', icon: DataAnalysis },
  routes: [{ path: 'dashboard', name: 'dashboard', component: () => import('./DashboardView.vue') }],
} satisfies ConsoleFeature;
