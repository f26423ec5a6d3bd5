import Taro from './mocks/taro';
import { reply } from './fixtures';

type Answer = ReturnType<typeof reply> | ((data: unknown, url: URL) => ReturnType<typeof reply>);

/** Answers Taro.request by "METHOD /path"; anything unlisted is a 404 envelope so a wrong route shows up. */
export function stubApi(routes: Record<string, Answer>): void {
  Taro.request.mockImplementation(async ({ url, method, data }: { url: string; method: string; data: unknown }) => {
    const parsed = new URL(url);
    const path = parsed.pathname;
    const answer = routes[`${method} ${path}`];
    if (!answer) return reply(404, { code: 'NOT_FOUND', message: `no stub for ${method} ${path}`, requestId: 'stub' });
    return typeof answer === 'function' ? answer(data, parsed) : answer;
  });
}

export function requested(method: string, path: string): boolean {
  return Taro.request.mock.calls.some(
    ([opts]) =>
      (opts as { method: string }).method === method && new URL((opts as { url: string }).url).pathname === path,
  );
}
