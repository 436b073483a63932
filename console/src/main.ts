import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import './styles.css';

createApp(App).use(createPinia()).use(i18n).use(router).use(ElementPlus, { locale: zhCn }).mount('#app');
