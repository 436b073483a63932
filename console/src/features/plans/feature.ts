import { Calendar } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

export default {
  order: 30,
  menu: { path: '/plans', label: 'menu.plans', icon: Calendar, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'plans', name: 'plans', component: () => import('./PlanListView.vue') },
    { path: 'plans/new', name: 'plan-new', component: () => import('./PlanEditView.vue') },
    { path: 'plans/:id/edit', name: 'plan-edit', component: () => import('./PlanEditView.vue'), props: true },
    { path: 'plans/:id', name: 'plan', component: () => import('./PlanView.vue'), props: true },
  ],
  messages,
} satisfies ConsoleFeature;
