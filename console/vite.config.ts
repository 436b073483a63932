import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served by the gateway at /console/ (one origin, ADR 0021). The Maven build passes --outDir into its jar.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    // Strict CSP (script-src 'self'): no inline module-preload polyfill, no data: URLs for assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev` against a local platform: the gateway serves /auth and /api on this origin's behalf.
    proxy: { '/auth': 'http://localhost:8080', '/api': 'http://localhost:8080' },
  },
});
