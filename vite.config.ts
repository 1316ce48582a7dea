/// <reference types="vitest/config" />
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import zaloMiniApp from "zmp-vite-plugin";
import { DEV_API_PROXY_PATTERN } from "./src/lib/dev-proxy";

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every built text file, once at build time,
 * so the API serves them precompressed at no cost per request (api/src/app.ts, serveMiniApp).
 * Runs after zmp-vite-plugin has written www/app-config.json.
 */
function precompress(): Plugin {
  let outDir = "www";
  return {
    name: "precompress",
    apply: "build",
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|json|svg|txt|map)$/.test(file)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < 1024) continue; // too small to gain anything
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// One config for the mini app (dev server, Zalo build into www/) and for the unit tests.
export default defineConfig({
  root: ".",
  plugins: [zaloMiniApp(), react(), precompress()],
  resolve: {
    alias: { "@contract": path.resolve(__dirname, "api/src/contract") },
  },
  server: {
    port: 2999,
    // Only API calls go to the API, not the contract's source modules (see src/lib/dev-proxy.ts).
    proxy: { [DEV_API_PROXY_PATTERN]: { target: process.env.API_PROXY_TARGET ?? "http://localhost:3000", changeOrigin: true } },
  },
  build: {
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      output: {
        // Libraries in chunks of their own, named: they change less often than the app (a new
        // version keeps them cached), and the bench shows who loads what. Only axios and React are
        // part of the first download; the SDK and zmp-ui's animation stack load with the screens
        // that use them (src/lib/zalo.ts imports the SDK lazily).
        manualChunks(id) {
          const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
          if (!pkg) return undefined;
          if (pkg === "axios") return "axios";
          if (pkg === "zmp-sdk") return "zmp-sdk";
          if (["react", "react-dom", "scheduler"].includes(pkg)) return "react";
          if (pkg.startsWith("@react-spring/") || pkg.startsWith("@use-gesture/") || pkg === "resize-observer-polyfill") return "zmp-ui-motion";
          return undefined;
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "api",
          environment: "node",
          include: ["api/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        extends: true,
        test: {
          name: "web",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/setup.ts"],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
