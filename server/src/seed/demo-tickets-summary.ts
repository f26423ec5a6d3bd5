import { DataSource, In } from 'typeorm';
import {
  ChargeConfirmation,
  ChargeSource,
  ChargeStatus,
  TICKET_STATUS_LABELS,
  TicketStatus,
  shanghaiDate,
  formatFen,
} from '@app/shared';
import { Charge } from '../modules/charges/charge.entity';
import { Company, Project } from '../modules/property/company.entity';
import { Ticket } from '../modules/tickets/ticket.entity';
import { DEMO_COMPANY_CODE } from './demo-seed';

export interface DemoTicketSummary {
  created: boolean;
  tickets: number;
  byStatus: { status: TicketStatus; label: string; count: number }[];
  onHold: number;
  escalated: number;
  cashOutstandingFen: number;
  openCharges: number;
  unconfirmedCharges: number;
  counterSalesToday: number;
  ms: number;
}

async function demoProjectIds(ds: DataSource): Promise<number[]> {
  const company = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  if (!company) return [];
  return (await ds.getRepository(Project).find({ select: { id: true }, where: { companyId: company.id } })).map(
    (p) => p.id,
  );
}

/** Cheap check the seed CLI runs before booting the application context. */
export async function demoTicketsExist(ds: DataSource): Promise<boolean> {
  const projectIds = await demoProjectIds(ds);
  return projectIds.length > 0 && (await ds.getRepository(Ticket).countBy({ projectId: In(projectIds) })) > 0;
}

export async function describeDemoTickets(ds: DataSource, created = false, ms = 0): Promise<DemoTicketSummary> {
  const projectIds = await demoProjectIds(ds);
  const tickets = projectIds.length ? await ds.getRepository(Ticket).findBy({ projectId: In(projectIds) }) : [];
  const charges = projectIds.length ? await ds.getRepository(Charge).findBy({ projectId: In(projectIds) }) : [];
  const today = shanghaiDate(new Date());
  const byStatus = (Object.values(TicketStatus) as TicketStatus[])
    .map((status) => ({
      status,
      label: TICKET_STATUS_LABELS[status],
      count: tickets.filter((t) => t.status === status).length,
    }))
    .filter((s) => s.count > 0);
  return {
    created,
    ms,
    tickets: tickets.length,
    byStatus,
    onHold: tickets.filter((t) => t.onHold).length,
    escalated: tickets.filter((t) => t.escalated).length,
    cashOutstandingFen: charges
      .filter((c) => c.status === ChargeStatus.CashCollected && c.handoverId === null)
      .reduce((s, c) => s + c.totalFen, 0),
    openCharges: charges.filter((c) => c.status === ChargeStatus.Open && c.source === ChargeSource.Ticket).length,
    unconfirmedCharges: charges.filter((c) => c.confirmation === ChargeConfirmation.Unconfirmed).length,
    counterSalesToday: charges.filter(
      (c) => c.source === ChargeSource.Counter && c.paidAt && shanghaiDate(c.paidAt) === today,
    ).length,
  };
}

export function formatDemoTicketSummary(s: DemoTicketSummary): string {
  const states = s.byStatus.map((b) => `${b.label} ${b.count}`).join('、');
  const head = s.created ? `演示工单已创建：${s.tickets} 张` : `演示工单已存在（未重复创建）：${s.tickets} 张`;
  const timing = s.created ? `，用时 ${(s.ms / 1000).toFixed(1)} 秒` : '';
  return (
    `${head}（${states}；挂起 ${s.onHold}、升级 ${s.escalated}），待交现金 ${formatFen(s.cashOutstandingFen)}，` +
    `待结算费用 ${s.openCharges} 笔（其中待业主确认 ${s.unconfirmedCharges} 笔），今日前台收款 ${s.counterSalesToday} 笔${timing}\n`
  );
}
