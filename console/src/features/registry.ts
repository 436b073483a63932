// The console is a set of features, one folder each under src/features/<area>/ with a feature.ts that says where it
// sits in the menu, which routes it adds under the admin layout (lazy: issue 17's budget) and its own messages under
// its own i18n namespace. The router, the menu and i18n collect them here, so adding a screen touches only its folder.
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

export type Role = 'PROVINCE' | 'CITY' | 'COUNTY' | 'INSPECTOR';

export interface ConsoleFeature {
  /** Position in the side menu and in the router (10, 20, …). */
  order: number;
  /** The side-menu entry, if the feature has one; `label` is an i18n key; `roles` limits who sees it. */
  menu?: { path: string; label: string; icon: Component; roles?: Role[] };
  /** Child routes of the admin layout; components imported lazily. */
  routes: RouteRecordRaw[];
  /**
   * Pages anyone may open without signing in (ADR 0027), outside the admin layout: the router marks them
   * `meta.public`, so no sign-in redirect; they must call only public APIs (`publicReportingApi`, …, no token).
   */
  publicRoutes?: RouteRecordRaw[];
  /** Messages of this feature, both locales with the same keys, merged at the top level (use a namespace). */
  messages?: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };
}

const modules = import.meta.glob<{ default: ConsoleFeature }>('./*/feature.ts', { eager: true });

export const features: ConsoleFeature[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order);
