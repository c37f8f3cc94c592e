import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' keeps every asset URL relative, so `dist/` works from any static server and any path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    // bench.html is the benchmark page `npm run bench` drives; it ships with the app, unlinked.
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
