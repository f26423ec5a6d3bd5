import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetTaro } from './mocks/taro';

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core CI box a page's second render came later
// (sign-page failed once that way while the e2e suites ran beside it).
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  resetTaro();
});

afterEach(() => {
  cleanup();
});
