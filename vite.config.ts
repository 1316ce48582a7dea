/// <reference types="vitest/config" />
import path from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import zaloMiniApp from "zmp-vite-plugin";
import { DEV_API_PROXY_PATTERN } from "./src/lib/dev-proxy";

// One config for the mini app (dev server, Zalo build into www/) and for the unit tests.
export default defineConfig({
  root: ".",
  plugins: [zaloMiniApp(), react()],
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
