import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';

export type MessageSchema = typeof zhCN;

// Chinese by default (the bureaus' language); English as the second locale for reviewers and vendors.
export const i18n = createI18n<[MessageSchema], 'zh-CN' | 'en'>({
  legacy: false,
  locale: localStorage.getItem('permitwatch.console.locale') === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});
