import { Tickets } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

// 案件 (issue 17): the queue of findings to file, the case list and the case file with its actions in order.
export default {
  order: 60,
  menu: { path: '/cases', label: 'menu.cases', icon: Tickets, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'cases', name: 'cases', component: () => import('./CaseListView.vue') },
    { path: 'cases/queue', name: 'case-queue', component: () => import('./CaseQueueView.vue') },
    { path: 'cases/:id', name: 'case', component: () => import('./CaseView.vue'), props: true },
  ],
  messages,
} satisfies ConsoleFeature;
