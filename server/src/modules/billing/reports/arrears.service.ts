import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  addMonths,
  formatFen,
  IArrearsQuery,
  IArrearsRow,
  IPage,
  IReminder,
  ISendRemindersRequest,
  monthsBetween,
  Permission,
  ReminderChannel,
  shanghaiDate,
  shanghaiMonth,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { pageWindow } from '../../../common/pagination.dto';
import type { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { AccessService } from '../../identity/access.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillLedger, OwedBill } from './bill-ledger';
import { BillReminder } from './bill-reminder.entity';
import { resolveCjkFont } from './pdf/cjk-font';
import { ARREARS_RIGHTS_NOTE } from './pdf/printed-texts';
import { renderReminderNotice } from './pdf/reminder-notice-pdf';

/** Houses per reminder request or printed batch: one click, one sheaf of paper. */
export const MAX_REMINDER_HOUSES = 200;

/**
 * 催缴. Reminders only: nothing here (or anywhere) cuts utilities, refuses repairs or blocks access for
 * arrears (Civil Code art. 944) — a house in arrears keeps every service.
 */
@Injectable()
export class ArrearsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: BillLedger,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly bindings: BindingDirectory,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: IArrearsQuery): Promise<IPage<IArrearsRow>> {
    this.access.assertProject(principal, query.projectId, Permission.BillingView);
    const { page, pageSize, skip } = pageWindow(query);
    const today = shanghaiMonth(now());
    const { rows, total } = await this.ledger.arrearsPage(
      {
        projectId: query.projectId,
        buildingId: query.buildingId,
        unitId: query.unitId,
        oldestAtMost: query.minAgeMonths ? addMonths(today, -query.minAgeMonths) : undefined,
      },
      skip,
      pageSize,
    );
    const houseIds = rows.map((r) => r.houseId);
    const [labels, last] = await Promise.all([this.property.houseLabels(houseIds), this.lastReminders(houseIds)]);
    const items = rows.map((r) => {
      const house = labels.get(r.houseId);
      return {
        houseId: r.houseId,
        houseLabel: house?.label ?? `#${r.houseId}`,
        buildingName: house?.buildingName ?? '',
        unitName: house?.unitName ?? '',
        owedFen: r.owedFen,
        billCount: r.billCount,
        oldestPeriod: r.oldestPeriod,
        ageMonths: Math.max(0, monthsBetween(r.oldestPeriod, today)),
        lastReminderAt: last.get(r.houseId)?.toISOString() ?? null,
      };
    });
    return { items, total, page, pageSize };
  }

  /** In-app reminders to the approved residents of the chosen houses; houses owing nothing or with nobody to tell are skipped. */
  async send(principal: Principal, body: ISendRemindersRequest): Promise<IReminder[]> {
    this.access.assertProject(principal, body.projectId, Permission.ArrearsRemind);
    if (body.channel !== ReminderChannel.InApp) {
      throw DomainException.validation('channel', '纸质催缴通知单请通过「打印催缴通知单」生成（打印即记录）');
    }
    const houseIds = await this.projectHouses(body.projectId, body.houseIds);
    const companyId = await this.companyOf(body.projectId);
    const projectName = (await this.property.project(body.projectId))!.name;
    const ids = await runInTransaction(this.db, async (tx) => {
      const owed = byHouse(await this.ledger.owedBills(body.projectId, houseIds, tx));
      const residents = await this.bindings.approvedResidentsOf([...owed.keys()], tx);
      const labels = await this.property.houseLabels([...owed.keys()], tx);
      const written: number[] = [];
      for (const [houseId, bills] of owed) {
        const userIds = residents.get(houseId) ?? [];
        if (!userIds.length) continue;
        const owedFen = bills.reduce((s, b) => s + b.owedFen, 0);
        const reminderId = await this.log(
          tx,
          principal,
          companyId,
          body.projectId,
          houseId,
          ReminderChannel.InApp,
          owedFen,
        );
        await this.notifications.enqueue(tx, {
          kind: 'bill_reminder',
          recipients: userIds,
          ref: `bill-reminder:${reminderId}`,
          title: '物业费缴费提醒',
          body: `${projectName} ${labels.get(houseId)?.label ?? ''} 尚有 ${bills.length} 期账单未缴清（${bills.map((b) => b.period).join('、')}），合计 ${formatFen(owedFen)}。请到物业服务中心缴纳，如有疑问欢迎咨询。${ARREARS_RIGHTS_NOTE}`,
        });
        written.push(reminderId);
      }
      return written;
    });
    return this.reminderViews(ids);
  }

  /** 催缴通知单 (one page per owing house), each printed house logged as a `notice` reminder. */
  async notice(principal: Principal, projectId: number, houseIdsText: string): Promise<Buffer> {
    this.access.assertProject(principal, projectId, Permission.ArrearsRemind);
    const font = resolveCjkFont(this.config.pdfFont);
    const houseIds = await this.projectHouses(projectId, parseIds(houseIdsText));
    const project = (await this.property.project(projectId))!;
    const houses = await runInTransaction(this.db, async (tx) => {
      const owed = byHouse(await this.ledger.owedBills(projectId, houseIds, tx));
      if (!owed.size) throw DomainException.validation('houseIds', '所选房屋没有未缴清的已发布账单');
      const labels = await this.property.houseLabels([...owed.keys()], tx);
      const printed = [];
      for (const [houseId, bills] of owed) {
        const owedFen = bills.reduce((s, b) => s + b.owedFen, 0);
        await this.log(tx, principal, project.companyId, projectId, houseId, ReminderChannel.Notice, owedFen);
        printed.push({
          houseLabel: labels.get(houseId)?.label ?? `#${houseId}`,
          owedFen,
          bills: bills.map((b) => ({ period: b.period, owedFen: b.owedFen })),
        });
      }
      return printed;
    });
    return renderReminderNotice(font, {
      projectName: project.name,
      issuedOn: shanghaiDate(now()),
      servicePhone: this.config.servicePhone,
      houses,
    });
  }

  async reminders(
    principal: Principal,
    query: { projectId: number; houseId?: number; page?: number; pageSize?: number },
  ): Promise<IPage<IReminder>> {
    this.access.assertProject(principal, query.projectId, Permission.BillingView);
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db.getRepository(BillReminder).findAndCount({
      where: { projectId: query.projectId, ...(query.houseId ? { houseId: query.houseId } : {}) },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  private async log(
    tx: EntityManager,
    principal: Principal,
    companyId: number,
    projectId: number,
    houseId: number,
    channel: ReminderChannel,
    owedFen: number,
  ) {
    const res = await tx
      .getRepository(BillReminder)
      .insert({ companyId, projectId, houseId, channel, owedFen, sentBy: principal.userId, sentAt: now() });
    const id = Number(res.identifiers[0].id);
    await this.audit.record(tx, {
      actorId: principal.userId,
      action: 'arrears.remind',
      entityType: 'house',
      entityId: houseId,
      companyId,
      projectId,
      after: { reminderId: id, channel, owedFen },
    });
    return id;
  }

  /** The chosen ids that are houses of the project (others answer 404, like any out-of-scope id). */
  private async projectHouses(projectId: number, houseIds: readonly number[]): Promise<number[]> {
    const unique = [...new Set(houseIds)];
    if (!unique.length) throw DomainException.validation('houseIds', '请至少选择一户');
    if (unique.length > MAX_REMINDER_HOUSES)
      throw DomainException.validation('houseIds', `一次最多选择 ${MAX_REMINDER_HOUSES} 户`);
    const labels = await this.property.houseLabels(unique);
    if (unique.some((id) => labels.get(id)?.projectId !== projectId)) throw DomainException.notFound('房屋');
    return unique.sort((a, b) => a - b);
  }

  private async companyOf(projectId: number): Promise<number> {
    return (await this.property.project(projectId))!.companyId;
  }

  private async lastReminders(houseIds: number[]): Promise<Map<number, Date>> {
    if (!houseIds.length) return new Map();
    const latest: { id: unknown }[] = await this.db
      .getRepository(BillReminder)
      .createQueryBuilder('r')
      .select('MAX(r.id)', 'id')
      .where({ houseId: In(houseIds) })
      .groupBy('r.house_id')
      .getRawMany();
    const rows = await this.db.getRepository(BillReminder).findBy({ id: In(latest.map((l) => Number(l.id))) });
    return new Map(rows.map((r) => [r.houseId, r.sentAt]));
  }

  private async reminderViews(ids: number[]): Promise<IReminder[]> {
    if (!ids.length) return [];
    return this.views(await this.db.getRepository(BillReminder).find({ where: { id: In(ids) }, order: { id: 'ASC' } }));
  }

  private async views(rows: BillReminder[]): Promise<IReminder[]> {
    const [labels, people] = await Promise.all([
      this.property.houseLabels(rows.map((r) => r.houseId)),
      this.users.people(rows.map((r) => r.sentBy)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      houseId: r.houseId,
      houseLabel: labels.get(r.houseId)?.label ?? `#${r.houseId}`,
      channel: r.channel as ReminderChannel,
      owedFen: r.owedFen,
      sentBy: r.sentBy,
      sentByName: people.get(r.sentBy)?.name ?? '',
      sentAt: r.sentAt.toISOString(),
    }));
  }
}

function byHouse(bills: OwedBill[]): Map<number, OwedBill[]> {
  const map = new Map<number, OwedBill[]>();
  for (const b of bills) map.set(b.houseId, [...(map.get(b.houseId) ?? []), b]);
  return map;
}

/** "12,15,20" → ids; anything else is a 422 naming the field. */
function parseIds(text: string): number[] {
  const parts = String(text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,10}$/.test(p) || Number(p) < 1 || Number(p) > 2_147_483_647)) {
    throw DomainException.validation('houseIds', '房屋须为以英文逗号分隔的 ID，例如 12,15,20');
  }
  return parts.map(Number);
}
