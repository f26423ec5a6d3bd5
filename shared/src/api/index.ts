// The route builders (get, post …) stay internal: only the table, its types and the client core are public.
export { buildPath, buildQuery, buildUrl } from './route';
export type {
  AnyRoute,
  BodyOf,
  CallInput,
  HttpMethod,
  NoBody,
  ParamsOf,
  PathParams,
  QueryOf,
  QueryValue,
  ResponseOf,
  Route,
} from './route';
export * from './routes';
export * from './ticket-routes';
export * from './client';
export * from './billing-routes';
export * from './payment-routes';
export * from './announcements-routes';
export * from './complaints-routes';
export * from './administration-routes';
export * from './sla-routes';
