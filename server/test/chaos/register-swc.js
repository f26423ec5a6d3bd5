// Lets a plain `node` child process load the server's TypeScript sources (the chaos worker), compiled the
// way jest compiles them (@swc/jest options in jest.config.js), so the chaos test needs no build step.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

// Compiled files are cached by content so the chaos test's many worker starts compile the sources once.
const cacheDir = join(tmpdir(), 'chaos-swc-cache');
mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const cached = join(cacheDir, `${createHash('sha1').update(filename).update('\0').update(source).digest('hex')}.js`);
  if (existsSync(cached)) return module._compile(readFileSync(cached, 'utf8'), filename);
  const { code } = transformSync(source, {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  // Written aside and renamed: two workers starting together never read a half-written file.
  const temporary = `${cached}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, cached);
  module._compile(code, filename);
};
