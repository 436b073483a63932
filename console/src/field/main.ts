// The inspectors' field app (issue 17, ADR 0025), served by the gateway at /field/ and installable as a PWA.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { fieldRouter } from './router';
import { fieldI18n } from './i18n';
import { startSending } from './sending';
import './field.css';

createApp(App).use(createPinia()).use(fieldI18n).use(fieldRouter).mount('#app');
startSending();
