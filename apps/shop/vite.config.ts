import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API server at / (see apps/server/src/http/web.ts);
// `vite` alone runs a dev server that forwards /api to a running `npm start`.
export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // 验证公平 runs the engine's own verifyDraw in the browser: a synchronous SHA-256 / HMAC
      // stand-in for the part of node:crypto it uses (src/shims/node-crypto.ts).
      'node:crypto': fileURLToPath(new URL('./src/shims/node-crypto.ts', import.meta.url)),
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    // scripts/bundle-size.ts reads it to measure what the first page loads
    manifest: true,
  },
});
