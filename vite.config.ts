/**
 * Builds the browser app (web/) into web/dist, which the server serves from the same origin. The output
 * must satisfy the CSP (X5: `script-src 'self'; style-src 'self'`): no inline script or style, so assets
 * are never inlined as data URLs and no modulepreload polyfill is added.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
});
