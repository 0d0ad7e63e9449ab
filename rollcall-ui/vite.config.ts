import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The build lands in target/classes/static, so Maven puts it into the rollcall-ui jar under
// static/ and Spring Boot serves it at / from the server jar.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    chunkSizeWarningLimit: 350,
  },
  server: {
    // `npm run dev` against a running server: ./rollcall run in another terminal.
    proxy: {
      "/api": "http://localhost:8080",
      "/actuator": "http://localhost:8080",
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    css: false,
    restoreMocks: true,
  },
});
