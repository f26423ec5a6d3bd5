// Shared by the weapp runtime checks (runtime*.test.mjs): the signed-in resident, a token pair, and a fake
// wx.request answering by "METHOD /path".
export const API = 'http://127.0.0.1:3000';

export const user = {
  id: 11,
  kind: 'resident',
  name: '王芳',
  phoneMasked: '138****5678',
  username: null,
  roles: [],
  houses: [{ bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }],
  wechatBound: true,
};
export const tokens = {
  accessToken: 'acc-1',
  accessTokenExpiresAt: '2026-11-22T09:00:00Z',
  refreshToken: 'ref-1',
  refreshTokenExpiresAt: '2026-12-22T09:00:00Z',
  user,
};

export function api(routes) {
  return (opts) => {
    const url = new URL(opts.url);
    const answer = routes[`${opts.method} ${url.pathname}`];
    if (!answer) return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no route', requestId: 't' } };
    return typeof answer === 'function' ? answer(opts) : answer;
  };
}
