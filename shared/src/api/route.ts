/**
 * What one endpoint is: method and path template at runtime, body / query / response as types only.
 * The types ride on a phantom property that is never set, so a route stays plain JSON-able data.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Marks a route that takes no JSON body (reads, and writes whose URL says everything). */
export type NoBody = undefined;

export interface Route<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  B = unknown,
  Q = unknown,
  R = unknown,
> {
  readonly method: M;
  /** `/api/...` with `:name` segments, exactly as the server declares it (docs/api.md, /api/docs). */
  readonly path: P;
  /** false for public routes: no token is sent, and a stale session cannot turn the call into a sign-in. */
  readonly auth: boolean;
  readonly types?: { body: B; query: Q; response: R };
}

/** Any route, whatever its types (for code that only needs method and path). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = Route<HttpMethod, string, any, any, any>;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `{ id: number | string }` for `/api/tickets/:id/timeline`; no keys for a path without parameters. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: number | string };

export type BodyOf<R> = R extends Route<HttpMethod, string, infer B, unknown, unknown> ? B : never;
export type QueryOf<R> = R extends Route<HttpMethod, string, unknown, infer Q, unknown> ? Q : never;
export type ResponseOf<R> = R extends Route<HttpMethod, string, unknown, unknown, infer T> ? T : never;
export type ParamsOf<R> = R extends Route<HttpMethod, infer P, unknown, unknown, unknown> ? PathParams<P> : never;

/** What a call to R must supply: `params` when the path has any, `body` when R takes one, `query` when it has required keys. */
export type CallInput<R extends AnyRoute> = ([keyof ParamsOf<R>] extends [never]
  ? { params?: undefined }
  : { params: ParamsOf<R> }) &
  ([BodyOf<R>] extends [NoBody] ? { body?: undefined } : { body: BodyOf<R> }) &
  ([QueryOf<R>] extends [undefined]
    ? { query?: undefined }
    : Partial<QueryOf<R>> extends QueryOf<R>
      ? { query?: QueryOf<R> }
      : { query: QueryOf<R> });

interface RouteOptions {
  auth?: boolean;
}

/**
 * `post<Response, Body, Query>()('/api/x/:id')`: the first call fixes the types, the second infers the path
 * literally (TypeScript cannot mix explicit and inferred type arguments in one call).
 */
function define<M extends HttpMethod>(method: M) {
  return <R, B = NoBody, Q = undefined>() =>
    <P extends string>(path: P, options: RouteOptions = {}): Route<M, P, B, Q, R> => ({
      method,
      path,
      auth: options.auth ?? true,
    });
}

export const get = <R, Q = undefined>() => define('GET')<R, NoBody, Q>();
export const post = define('POST');
export const put = define('PUT');
export const patch = define('PATCH');
export const del = <R, Q = undefined>() => define('DELETE')<R, NoBody, Q>();

/** Fills `:name` segments (URL-encoded); a missing parameter is a programming error, so it throws. */
export function buildPath(path: string, params: Record<string, number | string> | undefined): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`missing path parameter :${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

export type QueryValue = string | number | boolean | null | undefined;

/** Empty values (undefined, null, '') are left out: the server treats an absent filter as "any". */
export function buildQuery(query: object | undefined): string {
  const pairs = Object.entries((query ?? {}) as Record<string, QueryValue>)
    .filter(
      (entry): entry is [string, string | number | boolean] =>
        entry[1] !== undefined && entry[1] !== null && entry[1] !== '',
    )
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

export function buildUrl(baseUrl: string, path: string, query?: object): string {
  return `${baseUrl}${path}${buildQuery(query)}`;
}
