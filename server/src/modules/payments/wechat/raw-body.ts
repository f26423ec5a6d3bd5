/** Requests under this prefix keep their raw JSON text on `request.rawBody` (WeChat Pay notify verification). */
export const RAW_BODY_PREFIX = '/api/payments/wechat/';

/** What a notify endpoint answers: 204 (handled, or a harmless replay) or a 4xx FAIL with nothing written. */
export type NotifyAnswer = { status: 204 } | { status: 400 | 401 | 404; message: string };
