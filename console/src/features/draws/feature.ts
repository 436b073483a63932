import { Aim } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

export default {
  order: 40,
  menu: { path: '/draws', label: 'menu.draws', icon: Aim, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'draws', name: 'draws', component: () => import('./DrawListView.vue') },
    { path: 'draws/:id', name: 'draw', component: () => import('./DrawView.vue'), props: true },
    { path: 'draws/:id/verification', name: 'draw-verification', component: () => import('./VerificationView.vue'), props: true },
  ],
  messages,
} satisfies ConsoleFeature;
