import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/** The JS a first visit downloads: the entry chunk and everything it imports statically. */
function initialBundleSize(): Plugin {
  return {
    name: 'adloop-initial-bundle-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])));
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (!chunk || seen.has(fileName)) return;
        seen.add(fileName);
        for (const imported of chunk.imports) visit(imported);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const raw = [...seen].reduce((sum, name) => sum + Buffer.byteLength(chunks.get(name)!.code), 0);
      const gzip = [...seen].reduce((sum, name) => sum + gzipSync(chunks.get(name)!.code).length, 0);
      const kb = (bytes: number) => (bytes / 1024).toFixed(1);
      this.info(`initial JS: ${seen.size} files, ${kb(raw)} KB, ${kb(gzip)} KB gzip (target ≤ 250 KB gzip)`);
      console.log(`web initial_js_gzip_kb=${kb(gzip)} initial_js_kb=${kb(raw)} files=${seen.size}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), initialBundleSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts from 'self' only: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
