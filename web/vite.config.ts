/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The portal is served from its own origin; /config.json (public/) tells it
// where the API and the OpenID Provider are at run time, so one build serves
// every environment.
// `npm run dev` and `vite preview` forward /api/* to `make dev` on
// 127.0.0.1:8080 (which sends no CORS headers): public/config.json points the
// client at /api, the same origin.
const api = {
  "/api": { target: "http://127.0.0.1:8080", changeOrigin: true, rewrite: (path: string) => path.replace(/^\/api/, "") },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    target: "es2022",
    // Print every chunk with its gzipped size (the budget is on the JS
    // loaded before the first screen: index + the first page's chunk).
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    // scripts/first-screen-size.mjs reads it to sum the first screen's JS.
    manifest: true,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // Two shared cores: one worker keeps the run lean and predictable.
    maxWorkers: 1,
  },
});
