import type {
  IAppMeta,
  IAssignCustomerManagersRequest,
  ISetHouseBillingStartRequest,
  IBinding,
  IBuildingSummary,
  ICallerLookupRequest,
  ICashHandover,
  ICashHandoverRequest,
  ICashOutstanding,
  IChangePasswordRequest,
  ICharge,
  ICompanySettings,
  ICounterSale,
  ICounterSaleLedger,
  ICounterSaleRequest,
  ICreateBindingRequest,
  ICreatePriceListRequest,
  IDemoAccountList,
  IDemoLoginRequest,
  IDirectoryProject,
  IFeeCategory,
  IFeeItem,
  IHouse,
  IHouseDetail,
  IHouseDirectoryEntry,
  IHealth,
  IHouseImportResult,
  IMaterialPrice,
  IMaterialPriceList,
  IMe,
  IMediaUpload,
  IPage,
  IPageQuery,
  IPasswordLoginRequest,
  IPhoneConfirmChargeRequest,
  IPriceListDetail,
  IPriceListDiff,
  IPriceListVersion,
  IPricedQuote,
  IProjectSummary,
  IPublicFeeSchedule,
  IPublishPriceListRequest,
  IQuotePreviewRequest,
  IRefreshRequest,
  IRejectBindingRequest,
  IServiceCategory,
  IServiceCategoryPage,
  IStaffMember,
  ITechnicianProfile,
  ITokenPair,
  IUpdateTechnicianRequest,
  IUpsertFeeCategoryRequest,
  IUpsertFeeItemRequest,
  IUpsertMaterialPriceRequest,
  IUpsertServiceCategoryRequest,
  IWaiveChargeRequest,
  IWaiverBudget,
  IWechatLoginRequest,
} from '../contracts';
import type {
  IInboxMessage,
  IInboxQuery,
  IInboxUnread,
  ISubscribeCredit,
  ISubscribeReport,
  ISubscribeTemplates,
} from '../contracts';
import type {
  IBindingListQuery,
  IChargeListQuery,
  IHouseListQuery,
  IPriceListQuery,
  IPublicFeeScheduleQuery,
  IServiceCategoryQuery,
  IProjectStaffQuery,
} from '../contracts/queries';
import { del, get, patch, post, put } from './route';
import { TICKET_ROUTES } from './ticket-routes';
import { BILLING_ROUTES } from './billing-routes';
import { ANNOUNCEMENT_ROUTES, LIVE_ROUTES } from './announcements-routes';
import { COMPLAINT_ROUTES, URGE_ROUTES } from './complaints-routes';
import { ADMIN_ROUTES } from './administration-routes';
import { SLA_ROUTES } from './sla-routes';
import { CASHIER_ROUTES, INVOICE_ROUTES, PAYMENT_ROUTES, PREPAY_ROUTES, RECONCILIATION_ROUTES } from './payment-routes';

const PUBLIC = { auth: false };

/**
 * Every endpoint the mini-program or the console calls, once: method, path, body, query and answer.
 * The server declares the same routes (checked against /api/docs in openapi.e2e-spec.ts); the clients call
 * them only through this table, so renaming a key or a contract field breaks both typechecks.
 */
export const ROUTES = {
  system: {
    /** The process answers (no database). */
    live: get<IHealth>()('/api/health/live', PUBLIC),
    /** 503 while the database does not answer. */
    ready: get<IHealth>()('/api/health/ready', PUBLIC),
  },
  auth: {
    meta: get<IAppMeta>()('/api/meta', PUBLIC),
    wechatLogin: post<ITokenPair, IWechatLoginRequest>()('/api/auth/wechat/login', PUBLIC),
    passwordLogin: post<ITokenPair, IPasswordLoginRequest>()('/api/auth/password/login', PUBLIC),
    refresh: post<ITokenPair, IRefreshRequest>()('/api/auth/refresh', PUBLIC),
    logout: post<void, IRefreshRequest>()('/api/auth/logout', PUBLIC),
    demoAccounts: get<IDemoAccountList>()('/api/auth/demo/accounts', PUBLIC),
    demoLogin: post<ITokenPair, IDemoLoginRequest>()('/api/auth/demo/login', PUBLIC),
    me: get<IMe>()('/api/me'),
    /** A staff account's own change (current password required); clears the forced change an administrator set. */
    changePassword: post<void, IChangePasswordRequest>()('/api/me/password'),
  },
  property: {
    projects: get<IProjectSummary[]>()('/api/property/projects'),
    buildings: get<IBuildingSummary[]>()('/api/property/projects/:projectId/buildings'),
    houses: get<IPage<IHouse>, IHouseListQuery>()('/api/property/projects/:projectId/houses'),
    house: get<IHouseDetail>()('/api/property/houses/:houseId'),
    setHouseBillingStart: put<IHouse, ISetHouseBillingStartRequest>()('/api/property/houses/:houseId/billing-start'),
    /** Multipart (`file`); `dryRun=true` validates without writing. */
    importHouses: post<IHouseImportResult, undefined, { dryRun?: boolean }>()(
      '/api/property/projects/:projectId/houses/import',
    ),
    /** text/csv */
    importTemplate: get<string>()('/api/property/houses/import-template.csv', PUBLIC),
    staff: get<IStaffMember[], IProjectStaffQuery>()('/api/property/projects/:projectId/staff'),
    assignCustomerManagers: put<IBuildingSummary, IAssignCustomerManagersRequest>()(
      '/api/property/buildings/:buildingId/customer-managers',
    ),
    technicians: get<ITechnicianProfile[]>()('/api/property/projects/:projectId/technicians'),
    updateTechnician: patch<ITechnicianProfile, IUpdateTechnicianRequest>()('/api/technicians/:userId'),
    /** The signed-in technician's own profile (skills, buildings, on duty, open-job cap). */
    myTechnicianProfile: get<ITechnicianProfile>()('/api/technicians/me'),
  },
  directory: {
    projects: get<IDirectoryProject[]>()('/api/directory/projects'),
    buildings: get<IBuildingSummary[]>()('/api/directory/projects/:projectId/buildings'),
    houses: get<IHouseDirectoryEntry[]>()('/api/directory/units/:unitId/houses'),
  },
  bindings: {
    list: get<IPage<IBinding>, IBindingListQuery>()('/api/bindings'),
    apply: post<IBinding, ICreateBindingRequest>()('/api/bindings'),
    mine: get<IBinding[]>()('/api/bindings/mine'),
    familyRequests: get<IBinding[]>()('/api/bindings/family-requests'),
    approve: post<IBinding>()('/api/bindings/:id/approve'),
    reject: post<IBinding, IRejectBindingRequest>()('/api/bindings/:id/reject'),
    /** 代客报修: a caller's verified houses by phone (in the body, never the URL; audited). */
    lookup: post<IBinding[], ICallerLookupRequest>()('/api/bindings/lookup'),
  },
  priceLists: {
    list: get<IPriceListVersion[], IPriceListQuery>()('/api/price-lists'),
    create: post<IPriceListVersion, ICreatePriceListRequest>()('/api/price-lists'),
    one: get<IPriceListDetail>()('/api/price-lists/:id'),
    diff: get<IPriceListDiff, { against: number }>()('/api/price-lists/:id/diff'),
    upsertCategory: post<IFeeCategory, IUpsertFeeCategoryRequest>()('/api/price-lists/:id/categories'),
    upsertItem: post<IFeeItem, IUpsertFeeItemRequest>()('/api/price-lists/:id/items'),
    upsertMaterial: post<IMaterialPrice, IUpsertMaterialPriceRequest>()('/api/price-lists/:id/materials'),
    deleteEntry: del<void>()('/api/price-lists/:id/entries/:code'),
    approve: post<IPriceListVersion>()('/api/price-lists/:id/approve'),
    returnToDraft: post<IPriceListVersion>()('/api/price-lists/:id/return-to-draft'),
    publish: post<IPriceListVersion, IPublishPriceListRequest>()('/api/price-lists/:id/publish'),
  },
  feeSchedule: {
    public: get<IPublicFeeSchedule, IPublicFeeScheduleQuery>()('/api/public/fee-schedule', PUBLIC),
    publicItem: get<IFeeItem>()('/api/public/fee-schedule/items/:itemId', PUBLIC),
    /** text/html, opened as a plain link. */
    poster: get<string, IPublicFeeScheduleQuery>()('/api/public/fee-schedule/poster', PUBLIC),
    quote: post<IPricedQuote, IQuotePreviewRequest>()('/api/fee-schedule/quote'),
    /** The material price list in force for the project (technicians' quotes). */
    materials: get<IMaterialPriceList, { projectId: number }>()('/api/fee-schedule/materials'),
  },
  serviceCategories: {
    list: get<IServiceCategoryPage, IServiceCategoryQuery>()('/api/service-categories'),
    save: put<IServiceCategory, IUpsertServiceCategoryRequest>()('/api/service-categories/:code'),
  },
  charges: {
    list: get<IPage<ICharge>, IChargeListQuery>()('/api/charges'),
    /** The resident's charges (their houses'), newest first. */
    mine: get<IPage<ICharge>, IPageQuery>()('/api/charges/mine'),
    one: get<ICharge>()('/api/charges/:id'),
    confirm: post<ICharge>()('/api/charges/:id/confirm'),
    phoneConfirmation: post<ICharge, IPhoneConfirmChargeRequest>()('/api/charges/:id/phone-confirmation'),
    waive: post<ICharge, IWaiveChargeRequest>()('/api/charges/:id/waive'),
    cashOutstanding: get<ICashOutstanding, { projectId?: number }>()('/api/cash/outstanding'),
    /** Cash the signed-in technician collected and has not handed over yet. */
    cashMine: get<ICashOutstanding>()('/api/cash/mine'),
    handOverCash: post<ICashHandover, ICashHandoverRequest>()('/api/cash/handovers'),
    waiverBudget: get<IWaiverBudget>()('/api/waivers/budget'),
    counterSales: get<ICounterSaleLedger, { projectId: number; date: string }>()('/api/counter-sales'),
    createCounterSale: post<ICounterSale, ICounterSaleRequest>()('/api/counter-sales'),
    companySettings: get<ICompanySettings>()('/api/companies/:companyId/settings'),
    updateCompanySettings: put<ICompanySettings, Omit<ICompanySettings, 'companyId'>>()(
      '/api/companies/:companyId/settings',
    ),
  },
  media: {
    /** Multipart: `file`, `clientUploadId`, `kind`. */
    upload: post<IMediaUpload>()('/api/media'),
  },
  /** 系统管理 (administration module). */
  admin: ADMIN_ROUTES,
  tickets: TICKET_ROUTES,
  billing: BILLING_ROUTES,
  /** Served by the payments module (receiptPdf / myReceiptPdf by its cashier side, docs/cashier.md). */
  payments: {
    myPayables: PAYMENT_ROUTES.myPayables,
    myPayments: PAYMENT_ROUTES.myPayments,
    myReceipt: PAYMENT_ROUTES.myReceipt,
    list: PAYMENT_ROUTES.list,
    receipt: PAYMENT_ROUTES.receipt,
    receiptPdf: PAYMENT_ROUTES.receiptPdf,
    myReceiptPdf: PAYMENT_ROUTES.myReceiptPdf,
    createOrder: PAYMENT_ROUTES.createOrder,
    myOrder: PAYMENT_ROUTES.myOrder,
    refunds: PAYMENT_ROUTES.refunds,
    requestRefund: PAYMENT_ROUTES.requestRefund,
    decideRefund: PAYMENT_ROUTES.decideRefund,
    completeRefund: PAYMENT_ROUTES.completeRefund,
  },
  announcements: ANNOUNCEMENT_ROUTES,
  live: LIVE_ROUTES,
  complaints: COMPLAINT_ROUTES,
  urges: URGE_ROUTES,
  /** 时效报表 (docs/sla.md). */
  sla: SLA_ROUTES,
  prepay: PREPAY_ROUTES,
  invoices: INVOICE_ROUTES,
  /** 微信对账, served by the payments module's reconciliation part (docs/reconciliation.md). */
  reconciliation: RECONCILIATION_ROUTES,
  /** The cashier desk (payments module, cashier side; docs/cashier.md). */
  cashier: CASHIER_ROUTES,
  inbox: {
    list: get<IPage<IInboxMessage>, IInboxQuery>()('/api/inbox'),
    unread: get<IInboxUnread>()('/api/inbox/unread-count'),
    read: post<void>()('/api/inbox/:id/read'),
    readAll: post<void>()('/api/inbox/read-all'),
  },
  notifications: {
    templates: get<ISubscribeTemplates>()('/api/notifications/subscribe-templates'),
    reportSubscriptions: post<ISubscribeCredit[], ISubscribeReport>()('/api/notifications/subscriptions'),
  },
} as const;

export type Routes = typeof ROUTES;
