/** Stable error codes. Clients switch on `code`, never on `message`. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  TokenExpired: 'TOKEN_EXPIRED',
  RefreshTokenReused: 'REFRESH_TOKEN_REUSED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  AccountDisabled: 'ACCOUNT_DISABLED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  StateConflict: 'STATE_CONFLICT',
  RateLimited: 'RATE_LIMITED',
  DemoLoginDisabled: 'DEMO_LOGIN_DISABLED',
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatRateLimited: 'WECHAT_RATE_LIMITED',
  WechatUserRestricted: 'WECHAT_USER_RESTRICTED',
  WechatUnavailable: 'WECHAT_UNAVAILABLE',
  WechatMisconfigured: 'WECHAT_MISCONFIGURED',
  ImportInvalid: 'IMPORT_INVALID',
  PriceListNotEditable: 'PRICE_LIST_NOT_EDITABLE',
  RequoteRequired: 'REQUOTE_REQUIRED',
  QuoteChanged: 'QUOTE_CHANGED',
  NotQualified: 'NOT_QUALIFIED',
  NoScheduleInForce: 'NO_SCHEDULE_IN_FORCE',
  UnknownScheduleItem: 'UNKNOWN_SCHEDULE_ITEM',
  AgreementRequired: 'AGREEMENT_REQUIRED',
  CashLimitExceeded: 'CASH_LIMIT_EXCEEDED',
  WaiverCapExceeded: 'WAIVER_CAP_EXCEEDED',
  MediaUnsupported: 'MEDIA_UNSUPPORTED',
  MediaTooLarge: 'MEDIA_TOO_LARGE',
  MediaUnreadable: 'MEDIA_UNREADABLE',
  SignatureBlank: 'SIGNATURE_BLANK',
  ChargeUnconfirmed: 'CHARGE_UNCONFIRMED',
  CashNotChosen: 'CASH_NOT_CHOSEN',
  NotCounterItem: 'NOT_COUNTER_ITEM',
  MediaAlreadyUsed: 'MEDIA_ALREADY_USED',
  TechnicianAtCapacity: 'TECHNICIAN_AT_CAPACITY',
  TechnicianLacksSkill: 'TECHNICIAN_LACKS_SKILL',
  CategoryNotConfigured: 'CATEGORY_NOT_CONFIGURED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  /** No font with Chinese glyphs on the server: PDFs (bills, 催缴通知单) answer 503. */
  PdfFontMissing: 'PDF_FONT_MISSING',
  Internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface IFieldError {
  field: string;
  message: string;
}

/** The one error envelope every API error uses. */
export interface IErrorResponse {
  code: ErrorCode | string;
  message: string;
  details?: unknown;
  requestId: string;
}
