const e2e = require('./jest-e2e.config.js');

/** `pnpm bench:push`: the P5 measurement, on the e2e harness (fresh database, real stand-ins over HTTP). */
module.exports = { ...e2e, testRegex: 'bench/.*\\.bench\\.ts$', testTimeout: 600_000 };
