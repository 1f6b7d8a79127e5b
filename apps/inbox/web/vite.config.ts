import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The agents' web inbox: Preact with TSX compiled by esbuild, bundled into dist/web, served by the Nest app at / and /board.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 300,
  },
  // `npx vite --config apps/inbox/web/vite.config.ts` while `npm start` runs: live reload against the real server.
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
