import path from 'node:path';
import { defineConfig } from 'vite';

// The application is served by the API process under /app (the API owns the other paths).
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    reportCompressedSize: false,
    rolldownOptions: {
      // Ant Design's modules start with "use client", which means nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/web` during development: the API on its default port answers everything but /app.
    proxy: Object.fromEntries(
      ['/auth', '/tasks', '/nominations', '/campaigns', '/processes', '/organisations', '/notifications', '/calendar', '/ledger', '/audit', '/notices', '/public', '/consultations', '/consultation-agency-lists', '/health', '/docs'].map((p) => [p, 'http://127.0.0.1:3000']),
    ),
  },
});
