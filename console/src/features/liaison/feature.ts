import { Connection } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import { messages } from './messages';

// 联络员: the liaison directory (附件4), the notice's reporting deadlines and the cities' submissions (报送), and clue
// transfer between departments (线索移交) — liaison-service's contract, screen by screen.
export default {
  order: 80,
  menu: { path: '/liaison', label: 'menu.liaison', icon: Connection },
  routes: [
    { path: 'liaison', name: 'liaison', redirect: { name: 'liaison-contacts' } },
    { path: 'liaison/contacts', name: 'liaison-contacts', component: () => import('./ContactsView.vue') },
    { path: 'liaison/deadlines', name: 'liaison-deadlines', component: () => import('./DeadlinesView.vue') },
    { path: 'liaison/clues', name: 'liaison-clues', component: () => import('./CluesView.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
