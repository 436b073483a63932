import { UserFilled } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import { messages } from './messages';

// 用户与接入: the identity provider's admin API (ADR 0018) for the administrators of a division — people (users) and
// city systems (client-credentials clients). Inspectors never see it; who may manage whom is the provider's rule
// (docs/identity.md), shown here as its 403/404 problem when a screen asks for more.
export default {
  order: 100,
  menu: { path: '/admin', label: 'admin.menu', icon: UserFilled, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [
    { path: 'admin', name: 'admin', redirect: { name: 'admin-users' } },
    { path: 'admin/users', name: 'admin-users', component: () => import('./UsersView.vue') },
    { path: 'admin/clients', name: 'admin-clients', component: () => import('./ClientsView.vue') },
    { path: 'admin/audit', name: 'admin-audit', component: () => import('./AuditView.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
