import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';
import { features } from '../features/registry';

export type MessageSchema = typeof zhCN;

// Chinese by default (the bureaus' language); English as the second locale for reviewers and vendors.
// The shell's messages are here; each feature's under its own namespace come from its feature.ts.
const zh: Record<string, unknown> = { ...zhCN };
const english: Record<string, unknown> = { ...en };
for (const f of features) {
  Object.assign(zh, f.messages?.['zh-CN']);
  Object.assign(english, f.messages?.en);
}

export const i18n = createI18n({
  legacy: false,
  locale: localStorage.getItem('permitwatch.console.locale') === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en: english } as Record<'zh-CN' | 'en', MessageSchema>,
});
