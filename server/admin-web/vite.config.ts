import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('../../shared/src/index.ts', import.meta.url));

export default defineConfig({
  // The server serves the built files at /admin/ on the same origin as /api.
  base: '/admin/',
  plugins: [react()],
  resolve: {
    // @app/shared ships TypeScript source; bundle it directly instead of a prebuilt dist.
    alias: { '@app/shared': sharedEntry },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.ts'],
  },
});
