/** Page URLs for navigation. Keep in step with app.config.ts. */
export const Routes = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  /** 账单 tab (main package); the bill and 空置房申请 live in the bills sub-package. */
  bills: '/pages/bills/index',
  bill: '/packages/bills/pages/bill/index',
  vacancy: '/packages/bills/pages/vacancy/index',
  residentHouses: '/packages/resident/pages/houses/index',
  residentApply: '/packages/resident/pages/apply/index',
  residentFamilyRequests: '/packages/resident/pages/family-requests/index',
  /** Printed on the 公示 poster as `/h5/#/packages/resident/pages/fee-schedule/index?projectId=<id>`: never move it. */
  feeSchedule: '/packages/resident/pages/fee-schedule/index',
  feeItem: '/packages/resident/pages/fee-item/index',
  residentReport: '/packages/resident/pages/report/index',
  residentTickets: '/packages/resident/pages/tickets/index',
  residentTicket: '/packages/resident/pages/ticket/index',
  residentSign: '/packages/resident/pages/sign/index',
  residentRatings: '/packages/resident/pages/ratings/index',
  /** Anyone's settings; it lives in the resident package because the main package holds tab pages only. */
  settings: '/packages/resident/pages/settings/index',
  /** 修改密码 of a staff account (settings; and where the app holds an account whose password an administrator set). */
  changePassword: '/packages/resident/pages/password/index',
  /** Anyone's message centre (residents, technicians, staff), in the resident package for the same reason. */
  messages: '/packages/resident/pages/messages/index',
  /** 公告: the resident's current notices and one notice. */
  announcements: '/packages/resident/pages/announcements/index',
  announcement: '/packages/resident/pages/announcement/index',
  residentComplaints: '/packages/resident/pages/complaints/index',
  residentComplaint: '/packages/resident/pages/complaint/index',
  residentComplaintNew: '/packages/resident/pages/complaint-new/index',
  /** WeChat Pay result (waits for the server), 缴费记录 and 收据 live in the pay sub-package. */
  payResult: '/packages/pay/pages/result/index',
  payments: '/packages/pay/pages/payments/index',
  receipt: '/packages/pay/pages/receipt/index',
  technicianHome: '/packages/technician/pages/home/index',
  technicianJobs: '/packages/technician/pages/jobs/index',
  technicianJob: '/packages/technician/pages/job/index',
  staffHome: '/packages/staff/pages/home/index',
  /** 预存 and 电子发票 (the prepay sub-package). */
  prepay: '/packages/prepay/pages/prepay/index',
  invoices: '/packages/prepay/pages/invoices/index',
  invoiceTitles: '/packages/prepay/pages/invoice-titles/index',
} as const;
export type Route = (typeof Routes)[keyof typeof Routes];

/** `forced`: the administrator set the password; the page cannot be left until it is changed. */
export function changePasswordUrl(forced = false): string {
  return forced ? `${Routes.changePassword}?forced=1` : Routes.changePassword;
}

/** The fee schedule, for a known project (a resident's house) or for the page to work out. */
export function feeScheduleUrl(projectId?: number | null): string {
  return projectId ? `${Routes.feeSchedule}?projectId=${projectId}` : Routes.feeSchedule;
}

/** The category name labels the price (维修费 / 服务费) and picks 报修 or 预约此项; projectId lets 报修 pick the house. */
export function feeItemUrl(itemId: number, category?: { name: string; projectId?: number | null }): string {
  if (!category) return `${Routes.feeItem}?id=${itemId}`;
  return `${Routes.feeItem}?id=${itemId}&category=${encodeURIComponent(category.name)}${category.projectId ? `&projectId=${category.projectId}` : ''}`;
}

/** `created`: the ticket was just reported — the page confirms it (报修已提交). */
export function ticketUrl(id: number, created = false): string {
  return `${Routes.residentTicket}?id=${id}${created ? '&created=1' : ''}`;
}

/** The resident's tickets, opened on one filter (进行中 / 待我处理 / 已完成) or all. */
export function ticketsUrl(filter?: 'active' | 'todo' | 'finished'): string {
  return filter ? `${Routes.residentTickets}?filter=${filter}` : Routes.residentTickets;
}

/** 报修 (or 预约 of a service item) pre-filled from a 收费标准 item. */
export function reportUrl(prefill?: {
  category: string;
  itemCode?: string;
  itemName?: string;
  service?: boolean;
}): string {
  if (!prefill) return Routes.residentReport;
  const query = [`category=${encodeURIComponent(prefill.category)}`];
  if (prefill.itemCode) query.push(`item=${encodeURIComponent(prefill.itemCode)}`);
  if (prefill.itemName) query.push(`itemName=${encodeURIComponent(prefill.itemName)}`);
  if (prefill.service) query.push('service=1');
  return `${Routes.residentReport}?${query.join('&')}`;
}

/**
 * The signature page: `agree` signs the current quote, `verify` signs acceptance with ratings. `onBehalf`: the
 * resident signs on the technician's phone (the page lives in the resident package; any page may open it).
 */
export function signUrl(id: number, mode: 'agree' | 'verify', onBehalf = false): string {
  return `${Routes.residentSign}?id=${id}&mode=${mode}${onBehalf ? '&onBehalf=1' : ''}`;
}

export function jobsUrl(tab: 'mine' | 'pool' | 'done'): string {
  return `${Routes.technicianJobs}?tab=${tab}`;
}

export function jobUrl(id: number): string {
  return `${Routes.technicianJob}?id=${id}`;
}

/** A bill of the resident's. */
export function billUrl(id: number): string {
  return `${Routes.bill}?id=${id}`;
}

/** 空置房申请, with the house picked when opened from one house's bill. */
export function vacancyUrl(houseId?: number): string {
  return houseId ? `${Routes.vacancy}?houseId=${houseId}` : Routes.vacancy;
}

/** 投诉详情; `created`: just filed — the page confirms it. */
export function complaintUrl(id: number, created = false): string {
  return `${Routes.residentComplaint}?id=${id}${created ? '&created=1' : ''}`;
}

/** 我要投诉, about one of the resident's requests when `ticketId` is given (投诉此单). */
export function complaintNewUrl(ticketId?: number): string {
  return ticketId ? `${Routes.residentComplaintNew}?ticketId=${ticketId}` : Routes.residentComplaintNew;
}

/** The page that waits for the server's word on a WeChat Pay order. */
export function payResultUrl(orderId: number): string {
  return `${Routes.payResult}?orderId=${orderId}`;
}

export function receiptUrl(id: number): string {
  return `${Routes.receipt}?id=${id}`;
}
