import type { Role } from '../roles';
import type { ResidentTicketFilter, TicketKind, TicketStatus } from '../tickets';
import type { BindingStatus } from './property';
import type { ChargeConfirmation, ChargeStatus } from './charges';
import type { PriceListKind } from './catalog';
import type { IPageQuery } from './common';

/** Query strings of the list routes, as the server's query DTOs accept them (all filters optional unless noted). */
export interface ITicketListQuery extends IPageQuery {
  projectId?: number;
  status?: TicketStatus;
  kind?: TicketKind;
}

/** The resident's own list: 进行中 / 待我处理 / 已完成. */
export interface IMyTicketsQuery extends ITicketListQuery {
  filter?: ResidentTicketFilter;
}

/** Staff work lists are always per project. */
export interface IProjectPageQuery extends IPageQuery {
  projectId: number;
}

export interface IBindingListQuery extends IPageQuery {
  projectId?: number;
  status?: BindingStatus;
}

export interface IHouseListQuery extends IPageQuery {
  buildingId?: number;
  unitId?: number;
  q?: string;
}

export interface IChargeListQuery extends IPageQuery {
  projectId?: number;
  status?: ChargeStatus;
  confirmation?: ChargeConfirmation;
}

export interface IServiceCategoryQuery extends IPageQuery {
  companyId?: number;
  projectId?: number;
}

export interface IPriceListQuery {
  kind?: PriceListKind;
  companyId?: number;
}

export interface IPublicFeeScheduleQuery {
  projectId: number;
  q?: string;
}

export interface IProjectStaffQuery {
  role?: Role;
}

/** GET /api/inbox: `unread=true` lists only unread messages. */
export interface IInboxQuery extends IPageQuery {
  unread?: 'true' | 'false';
}
