import { defineConfig } from 'vite';

// Static single-page app: relative asset paths so dist/ can be served from
// any directory; abi/*.json and deploy/deployments/*.json are imported from
// the repository root at build time.
export default defineConfig({
  base: './',
  server: { fs: { allow: ['..'] } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
} as never);
