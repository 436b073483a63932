import { List } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

// menu.* has no key for 任务与检查: the label lives in this feature's own namespace.
export default {
  order: 50,
  menu: { path: '/tasks', label: 'tasks.menu', icon: List, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'tasks', name: 'tasks', component: () => import('./TaskListView.vue') },
    { path: 'tasks/:id', name: 'task', component: () => import('./TaskView.vue'), props: true },
    { path: 'inspections/:id', name: 'inspection', component: () => import('./RecordView.vue'), props: true },
    { path: 'findings', name: 'findings', component: () => import('./FindingListView.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
