import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP_META, SECURITY_HEADERS } from './src/env/content-security-policy.ts';

/** Puts the CSP into the built index.html (dev keeps React's inline refresh preamble working). */
function cspMetaTag(): Plugin {
  return {
    name: 'emolens-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' },
    ],
  };
}

// base './' keeps every asset URL relative, so `dist/` works from any static server and any path.
export default defineConfig({
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    target: 'es2022',
    // bench.html is the benchmark page `npm run bench` drives; it ships with the app, unlinked.
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  // @ffmpeg/ffmpeg starts its own worker from a URL next to its module: pre-bundling would move it.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS } },
});
