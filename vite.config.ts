import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' keeps every asset URL relative, so `dist/` works from any static server and any path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
