import { createRouter, createWebHistory } from 'vue-router';
import { useSession } from './auth/session';
import AdminLayout from './layout/AdminLayout.vue';

// Routes are lazy (issue 17's budget: a small first screen); the gateway answers every deep link with index.html.
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/callback', name: 'callback', component: () => import('./views/CallbackView.vue'), meta: { public: true } },
    {
      path: '/',
      component: AdminLayout,
      children: [
        { path: '', redirect: { name: 'dashboard' } },
        { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
        { path: 'directory', name: 'directory', component: () => import('./views/DirectoryView.vue') },
        {
          path: 'directory/:permitNo',
          name: 'unit',
          component: () => import('./views/UnitView.vue'),
          props: true,
        },
        {
          path: ':area(plans|draws|cases|liaison|reports)',
          name: 'later',
          component: () => import('./views/PlaceholderView.vue'),
        },
      ],
    },
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
