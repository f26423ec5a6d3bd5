import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

// @app/shared is consumed as TypeScript source (see tsconfig paths), so Taro's babel rule must cover it.
const workspaceSources = [path.resolve(__dirname, '..', '..', 'shared', 'src')];

// The server serves the H5 build at /h5/ next to /api (same origin); a published weapp needs an absolute HTTPS origin.
function apiBaseUrl(): string {
  if (process.env.TARO_APP_API_BASE_URL !== undefined) return process.env.TARO_APP_API_BASE_URL;
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000';
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'property-miniapp',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: { TARO_APP_API_BASE_URL: JSON.stringify(apiBaseUrl()) },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // The browser asks every H5 page for an icon; without one each page load logged a 404.
    copy:
      process.env.TARO_ENV === 'h5'
        ? { patterns: [{ from: 'src/assets/favicon.svg', to: 'dist/h5/favicon.svg' }], options: {} }
        : undefined,
    mini: {
      compile: { include: workspaceSources },
      postcss: { pxtransform: { enable: true, config: {} } },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      compile: { include: workspaceSources },
      publicPath: '/h5/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} } },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Taro splits only initial chunks, so every page chunk (loaded on navigation) carried its own copy of the
        // same ~75 KB of component/runtime helpers. Modules used by two or more pages go to shared async chunks instead
        // (at least 8 KB each, so a navigation does not fetch a handful of tiny files).
        const split = chain.optimization.get('splitChunks') as
          { cacheGroups?: Record<string, unknown> } | false | undefined;
        if (split) {
          chain.optimization.splitChunks({
            ...split,
            cacheGroups: {
              ...split.cacheGroups,
              pageShared: { chunks: 'async', minChunks: 2, minSize: 8192, priority: 0, reuseExistingChunk: true },
            },
          });
        }
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
