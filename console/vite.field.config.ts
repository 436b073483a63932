import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';

// The inspectors' field app (issue 17, ADR 0025): the console code base's second Vite entry (field/index.html), built
// on its own so it has its own base (/field/), its own small bundle (no ECharts, no Element Plus) and a service worker
// whose precache lists only the field app's files. The gateway serves it at /field/; the Maven build passes --outDir.
export default defineConfig({
  root: fileURLToPath(new URL('./field', import.meta.url)),
  base: '/field/',
  publicDir: fileURLToPath(new URL('./field/public', import.meta.url)),
  plugins: [
    vue(),
    VitePWA({
      // generateSW (Workbox) precaches the built shell; registerSW.js is a file, not an inline script, so the strict
      // CSP (script-src 'self') holds. The worker is sw.js at /field/, so its scope is /field/ and nothing else.
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: 'script',
      registerType: 'autoUpdate',
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: '/field/',
        name: '排污许可现场执法',
        short_name: '现场执法',
        description: '排污许可清单式执法检查 · 检查人员现场端（离线可用）',
        lang: 'zh-CN',
        start_url: '/field/',
        scope: '/field/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1f7a4d',
        icons: [
          { src: '/field/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/field/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/field/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        // Every deep link of the app opens the cached shell offline; the provider's pages and the API never do.
        navigateFallback: '/field/index.html',
        navigateFallbackAllowlist: [/^\/field\//],
        // Records are queued in IndexedDB by the app itself (src/field/outbox.ts): the worker never caches or
        // replays an API call, so a POST is sent exactly when the app decides, with its Idempotency-Key.
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // The Workbox runtime inside sw.js: one file to serve with the worker's headers, nothing imported at runtime.
        inlineWorkboxRuntime: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./target/field-dist', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/auth': 'http://localhost:8080', '/api': 'http://localhost:8080' },
  },
});
