import { WarningFilled } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import { messages } from './messages';

// 重污染天气预警 (issue 19, ADR 0039): the province or a city declares and lifts its city's heavy-pollution weather
// warnings; while one is in force, the permits' 重污染天气应对 limits judge the monitoring data. Everyone reads its
// province's (province staff) or its city's warnings; the service decides who may declare.
export default {
  order: 27,
  menu: { path: '/warnings', label: 'warnings.menu', icon: WarningFilled, roles: ['PROVINCE', 'CITY', 'COUNTY'] },
  routes: [{ path: 'warnings', name: 'warnings', component: () => import('./WarningsView.vue') }],
  messages,
} satisfies ConsoleFeature;
