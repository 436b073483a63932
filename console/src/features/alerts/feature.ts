import { Monitor } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

// 非现场监管 (issue 17): the remote-check alerts and their review, the runs of the rules and the verified closures.
export default {
  order: 70,
  menu: { path: '/alerts', label: 'alerts.menu', icon: Monitor, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'alerts', name: 'alerts', component: () => import('./AlertListView.vue') },
    { path: 'alerts/runs', name: 'remote-runs', component: () => import('./RemoteRunsView.vue') },
    { path: 'alerts/:id', name: 'alert', component: () => import('./AlertView.vue'), props: true },
  ],
  messages,
} satisfies ConsoleFeature;
