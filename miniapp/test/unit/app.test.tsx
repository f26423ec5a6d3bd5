import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import Taro from '../mocks/taro';
import App from '../../src/app';
import { Routes } from '../../src/routes';
import { SESSION_ENDED_EVENT } from '../../src/services/session';

describe('app', () => {
  it('returns to sign-in when the session ends, and stops listening when unmounted', () => {
    const { unmount } = render(<App>page</App>);
    Taro.eventCenter.trigger(SESSION_ENDED_EVENT);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.mine });
    unmount();
    Taro.eventCenter.trigger(SESSION_ENDED_EVENT);
    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
  });
});
