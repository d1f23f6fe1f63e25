/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The portal is served from its own origin; /config.json (public/) tells it
// where the API and the OpenID Provider are at run time, so one build serves
// every environment.
export default defineConfig({
  plugins: [react()],
  build: {
    target: "es2022",
    // Print every chunk with its gzipped size (the budget is on the JS
    // loaded before the first screen: index + the first page's chunk).
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
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
