import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './auth/session';
import AdminLayout from './layout/AdminLayout.vue';
import { features } from './features/registry';

// Routes are lazy (issue 17's budget: a small first screen); the gateway answers every deep link with index.html.
// Each feature brings its own routes (features/registry.ts).
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/callback', name: 'callback', component: () => import('./views/CallbackView.vue'), meta: { public: true } },
    // Public pages (ADR 0027) sit outside the admin layout: no menu, no session, no sign-in redirect.
    ...features.flatMap((f) => (f.publicRoutes ?? []).map((r) => ({ ...r, meta: { ...r.meta, public: true } }) as RouteRecordRaw)),
    {
      path: '/',
      component: AdminLayout,
      children: [{ path: '', redirect: { name: 'dashboard' } }, ...features.flatMap((f) => f.routes)],
    },
    { path: '/:unknown(.*)*', redirect: { name: 'dashboard' } },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSession();
  if (!session.signedIn) {
    await session.signIn(to.fullPath);
    return false;
  }
  return true;
});
