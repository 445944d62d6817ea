import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules (React, hooks, accessibility, Core Web Vitals) and its TypeScript
// rules; `npm run lint` runs this after the type check.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks what is left out on purpose (e.g. a field dropped from a copy).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // CommonJS preloads (scripts/run/http-guard.cjs) are required by Node before anything else.
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "playwright-report/**",
    "test-results/**",
    "bench-results/**",
    "data/**",
    ".e2e-data/**",
    ".probe-data/**",
  ]),
]);
