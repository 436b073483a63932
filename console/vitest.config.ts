import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Unit tests of components and stores (issue 17): happy-dom, Element Plus and vue-i18n as the app mounts them.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    // Mounting Element Plus and re-running a draw with Web Crypto took over 5 s once on a loaded 2-core machine: time
    // is not what these tests judge.
    testTimeout: 30_000,
  },
});
