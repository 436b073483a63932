import { Document } from '@element-plus/icons-vue';
import type { ConsoleFeature } from '../registry';
import messages from './messages';

// 文书模板 (issue 20, docs/inspection/documents.md#templates): the province publishes a new version of a document
// template; documents issued from then on use it and record it. Only PROVINCE staff may publish (the service says
// 403 to anyone else), so only they see the menu entry.
export default {
  order: 65,
  menu: { path: '/document-templates', label: 'templates.menu', icon: Document, roles: ['PROVINCE'] },
  routes: [
    { path: 'document-templates', name: 'document-templates', component: () => import('./TemplateView.vue') },
  ],
  messages,
} satisfies ConsoleFeature;
