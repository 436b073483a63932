import { Refresh } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

// 许可证同步: the province's sync of the directory from the national permit platform. permit-sync answers every
// /api/v1/sync/runs call of a non-PROVINCE caller with 403 (a sync covers the whole province), so the menu entry is
// the province's only: a city or county officer would see nothing but a refusal.
export default {
  order: 25,
  menu: { path: '/sync', label: 'sync.menu', icon: Refresh, roles: ['PROVINCE'] },
  routes: [{ path: 'sync', name: 'sync', component: () => import('./SyncView.vue') }],
  messages,
} satisfies ConsoleFeature;
