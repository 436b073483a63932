// Every component test mounts with what main.ts installs: Element Plus, vue-i18n (zh-CN) and a fresh Pinia.
import { config } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach } from 'vitest';
import { i18n } from '../i18n';

config.global.plugins = [ElementPlus, i18n];
beforeEach(() => {
  const pinia = createPinia();
  setActivePinia(pinia);
  config.global.plugins = [ElementPlus, i18n, pinia];
});
