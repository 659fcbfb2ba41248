import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API server at / (see apps/server/src/http/web.ts);
// `vite` alone runs a dev server that forwards /api to a running `npm start`.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: true },
});
