import { createRouter, createWebHistory } from 'vue-router';
import { useFieldSession } from './session';
import { online } from './sending';

export const fieldRouter = createRouter({
  history: createWebHistory('/field/'),
  routes: [
    { path: '/callback', name: 'callback', component: () => import('./views/CallbackView.vue'), meta: { public: true } },
    { path: '/', name: 'tasks', component: () => import('./views/TasksView.vue') },
    { path: '/task/:id', name: 'task', component: () => import('./views/TaskView.vue'), props: true },
    { path: '/queue', name: 'queue', component: () => import('./views/QueueView.vue') },
    { path: '/:unknown(.*)*', redirect: { name: 'tasks' } },
  ],
});

fieldRouter.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useFieldSession();
  // Offline the provider cannot be reached: the app opens on what this phone keeps (cached tasks, the outbox) and
  // asks for a sign-in once the network is back (ADR 0025).
  if (!session.signedIn && online.value) {
    await session.signIn(to.fullPath);
    return false;
  }
  return true;
});
