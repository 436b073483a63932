import type { ConsoleFeature } from '../registry';
import messages from './messages';

// 一公开 of draws (ADR 0027): pages anyone can open without signing in, outside the admin layout; no menu entry
// (an officer has the internal verification page under 双随机抽取).
export default {
  order: 41,
  routes: [],
  publicRoutes: [
    { path: '/public/draws', name: 'public-draws', component: () => import('./PublicDrawListView.vue') },
    { path: '/public/draws/:id', name: 'public-draw', component: () => import('./PublicDrawVerifyView.vue'), props: true },
  ],
  messages,
} satisfies ConsoleFeature;
