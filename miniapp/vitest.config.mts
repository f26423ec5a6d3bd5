import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// Pages and services run against small stand-ins for Taro; the real runtime is covered by the
// weapp output checks (test/weapp) and the H5 browser journeys (test/e2e).
export default defineConfig({
  resolve: {
    alias: {
      '@app/shared': here('../shared/src/index.ts'),
      '@tarojs/taro': here('./test/mocks/taro.ts'),
      '@tarojs/components': here('./test/mocks/components.tsx'),
    },
  },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    env: { TARO_ENV: 'h5', TARO_APP_API_BASE_URL: 'https://api.example.test' },
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
})
