import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

// The SPA is served by the portal's own server from packages/web/dist (same origin, strict CSP:
// no inline scripts, no external fonts or CDNs). `npm run dev` of the server + `vite` here proxies the API.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    // several servers (e2e runs, a developer's npm start) may be serving dist while it is rebuilt: old hashed
    // assets stay until scripts/build-web.ts prunes the unreferenced ones that are more than 10 minutes old
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/auth': 'http://localhost:3000',
      '/dev-idp': 'http://localhost:3000',
    },
  },
});
