import { OfficeBuilding } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';

export default {
  order: 20,
  menu: { path: '/directory', label: 'menu.directory', icon: OfficeBuilding },
  routes: [
    { path: 'directory', name: 'directory', component: () => import('./DirectoryView.vue') },
    { path: 'directory/:permitNo', name: 'unit', component: () => import('./UnitView.vue'), props: true },
  ],
} satisfies ConsoleFeature;
