import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import {
  addMonths,
  BillingItemKind,
  BillStatus,
  HouseType,
  shanghaiMonth,
  UserKind,
  type IUpsertBillingItemRequest,
} from '@app/shared';
import { Principal } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrincipalLoader } from '../modules/auth/principal.loader';
import { Bill, BillingItem } from '../modules/billing/billing.entity';
import { AmountsService } from '../modules/billing/inputs/amounts.service';
import { LateFeePolicyService } from '../modules/billing/inputs/late-fee-policy.service';
import { ReadingImportService } from '../modules/billing/inputs/reading-import.service';
import { BillingItemsService } from '../modules/billing/items.service';
import { BillRunQueue } from '../modules/billing/run/run-queue';
import { BillRunService } from '../modules/billing/run/bill-run.service';
import { User } from '../modules/identity/user.entity';
import { House } from '../modules/property/building.entity';
import { Company, Project } from '../modules/property/company.entity';
import { DEMO_COMPANY_CODE } from './demo-seed';

/**
 * Billing demo (issue 9), through the real services as finance1 would do it: fee items for both projects,
 * water readings, parking spaces and a 公摊 total, and two published months before last month with some
 * houses still owing. Last month is left unbilled so a person (and the console journey) can import its
 * readings and run it; the current month would also sweep up the ticket seed's open charges.
 */
export interface DemoBillingSummary {
  created: boolean;
  publishedPeriods: string[];
  bills: number;
  housesOwing: number;
}

const opts = { strict: false };

export async function demoBillingExists(ds: DataSource): Promise<boolean> {
  const company = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  return !!company && (await ds.getRepository(BillingItem).existsBy({ companyId: company.id }));
}

/** The months the demo uses, relative to today in Shanghai: a baseline reading month, two published months, and last month to run. */
export function demoBillingPeriods(now: Date = new Date()): {
  baseline: string;
  published: [string, string];
  toRun: string;
} {
  const current = shanghaiMonth(now);
  return {
    baseline: addMonths(current, -4),
    published: [addMonths(current, -3), addMonths(current, -2)],
    toRun: addMonths(current, -1),
  };
}

function items(code: string, from: string): IUpsertBillingItemRequest[] {
  const base = (r: Omit<IUpsertBillingItemRequest, 'projectId' | 'effectiveFrom'>) => ({
    ...r,
    projectId: 0,
    effectiveFrom: from,
  });
  const list = [
    base({
      code: 'WY',
      name: '物业服务费',
      kind: BillingItemKind.Area,
      houseType: HouseType.Residential,
      unitPrice: code === 'YGHY' ? '2.50' : '2.20',
      unit: '元/㎡·月',
    }),
    base({
      code: 'WY',
      name: '物业服务费',
      kind: BillingItemKind.Area,
      houseType: null,
      unitPrice: '4.80',
      unit: '元/㎡·月',
    }),
    base({
      code: 'GGNH',
      name: '公共能耗费',
      kind: BillingItemKind.Fixed,
      houseType: null,
      unitPrice: '15.00',
      unit: '元/月',
    }),
    base({ code: 'CW', name: '车位管理费', kind: BillingItemKind.PerSpace, unitPrice: '80.00', unit: '元/个·月' }),
  ];
  if (code === 'YGHY')
    list.push(base({ code: 'SF', name: '水费', kind: BillingItemKind.Metered, unitPrice: '4.10', unit: '元/吨' }));
  else
    list.push(
      base({
        code: 'GTDF',
        name: '公共照明电费分摊',
        kind: BillingItemKind.Shared,
        sharedSplit: 'area',
        unitPrice: '0',
        unit: '元/月',
      }),
    );
  return list;
}

/** Fills the server's own template (every house, last reading) with a deterministic month's use. */
async function filledReadings(template: Buffer, monthIndex: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const header = sheet.getRow(1).values as unknown[];
  const col = (name: string) => header.findIndex((v) => v === name);
  const [idCol, readingCol] = [col('房屋编号'), col('本期读数')];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const houseId = Number(row.getCell(idCol).value);
    // 5–20 吨 a month, varying by house and month; the baseline month starts each meter near 100 × id % 900.
    const start = (houseId * 37) % 900;
    const used = Array.from({ length: monthIndex }, (_, m) => 5 + ((houseId + m * 7) % 16)).reduce((a, b) => a + b, 0);
    row.getCell(readingCol).value = String(start + used);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function seedDemoBilling(app: INestApplicationContext): Promise<DemoBillingSummary> {
  const config = app.get<AppConfig>(APP_CONFIG, opts);
  if (config.env === 'production') throw new Error('The demo seed is not for production databases.');
  const ds = app.get(DataSource, opts);
  const company = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  if (!company) throw new Error('The demo company does not exist yet; run the demo data seed first.');
  const periods = demoBillingPeriods();
  if (await demoBillingExists(ds))
    return { created: false, publishedPeriods: periods.published, ...(await owing(ds, company.id)) };

  const finance = await ds
    .getRepository(User)
    .findOneByOrFail({ username: 'finance1', companyId: company.id, kind: UserKind.Staff });
  const principal: Principal = await app.get(PrincipalLoader, opts).load(finance);
  const projects = await ds.getRepository(Project).find({ where: { companyId: company.id }, order: { id: 'ASC' } });
  const itemsService = app.get(BillingItemsService, opts);
  const imports = app.get(ReadingImportService, opts);
  const amounts = app.get(AmountsService, opts);
  const runs = app.get(BillRunService, opts);
  const policies = app.get(LateFeePolicyService, opts);
  const queue = app.get(BillRunQueue, opts) as BillRunQueue & { idle?: () => Promise<void> };

  for (const project of projects) {
    for (const item of items(project.code, periods.baseline))
      await itemsService.upsert(principal, { ...item, projectId: project.id });
    // Vacancy discount offered (30 %); late fees stay off, as every project starts.
    await policies.update(principal, project.id, {
      enabled: false,
      graceDays: 15,
      dailyRatePer100k: 50,
      capPercent: 30,
      vacancyDiscountPercent: 30,
    });
    // Parking spaces: every 25th house has one, every 100th two.
    const houses = await ds
      .getRepository(House)
      .find({ select: { id: true }, where: { projectId: project.id }, order: { id: 'ASC' } });
    for (const [i, house] of houses.entries()) {
      if (i % 25 === 0)
        await amounts.setHouseQuantity(principal, {
          itemCode: 'CW',
          houseId: house.id,
          quantity: i % 100 === 0 ? 2 : 1,
        });
    }
    if (project.code === 'YGHY') {
      const months = [periods.baseline, ...periods.published];
      for (const [index, period] of months.entries()) {
        const template = await imports.template(principal, project.id, period, 'SF');
        const result = await imports.import(
          principal,
          { projectId: project.id, period, itemCode: 'SF', dryRun: false },
          await filledReadings(template, index),
        );
        if (result.errors.length)
          throw new Error(`demo readings ${period}: ${result.errors[0].field} ${result.errors[0].message}`);
      }
    } else {
      for (const [i, period] of periods.published.entries()) {
        await amounts.setSharedAmount(principal, {
          projectId: project.id,
          itemCode: 'GTDF',
          period,
          amount: i === 0 ? '3260.55' : '3418.20',
        });
      }
    }
  }

  for (const period of periods.published) {
    const started = await runs.start(principal, { period });
    await queue.idle?.();
    for (const run of started) {
      let current = await runs.get(principal, run.id);
      for (let i = 0; current.status === 'running' && i < 600; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        current = await runs.get(principal, run.id);
      }
      if (current.status !== 'draft')
        throw new Error(
          `demo bill run ${current.projectName} ${period} ended ${current.status}: ${current.error ?? ''}`,
        );
      await runs.check(principal, run.id);
      await runs.publish(principal, run.id);
    }
  }
  await settlePayments(ds, company.id, periods.published);
  return { created: true, publishedPeriods: periods.published, ...(await owing(ds, company.id)) };
}

/**
 * Stands in for the payments issue (not built yet): most houses paid, so arrears and 收缴率 have something
 * real to show. Older month: every 10th house still owes; later month: every 10th and every 10th + 5,
 * and every 20th + 7 paid half. Only bills.paid_fen is set — there are no payment records to fake.
 */
async function settlePayments(ds: DataSource, companyId: number, [older, later]: [string, string]): Promise<void> {
  const repo = ds.getRepository(Bill);
  const bills = await repo.find({
    select: { id: true, houseId: true, period: true, totalFen: true },
    where: { companyId, period: In([older, later]), status: BillStatus.Published },
  });
  const full: number[] = [];
  const half: { id: number; paidFen: number }[] = [];
  for (const b of bills) {
    const owes = b.period === older ? b.houseId % 10 === 0 : b.houseId % 10 === 0 || b.houseId % 10 === 5;
    if (b.period === later && b.houseId % 20 === 7) half.push({ id: b.id, paidFen: Math.floor(b.totalFen / 2) });
    else if (!owes) full.push(b.id);
  }
  for (let i = 0; i < full.length; i += 500) {
    await repo
      .createQueryBuilder()
      .update(Bill)
      .set({ paidFen: () => 'total_fen' })
      .where({ id: In(full.slice(i, i + 500)) })
      .execute();
  }
  for (const h of half) await repo.update({ id: h.id }, { paidFen: h.paidFen });
}

async function owing(ds: DataSource, companyId: number): Promise<{ bills: number; housesOwing: number }> {
  const repo = ds.getRepository(Bill);
  const bills = await repo.countBy({ companyId, status: BillStatus.Published });
  const row = await repo
    .createQueryBuilder('b')
    .select('COUNT(DISTINCT b.house_id)', 'n')
    .where('b.company_id = :companyId AND b.status = :status AND b.total_fen > b.paid_fen', {
      companyId,
      status: BillStatus.Published,
    })
    .getRawOne<{ n: number | string }>();
  return { bills, housesOwing: Number(row?.n ?? 0) };
}

export function formatDemoBillingSummary(s: DemoBillingSummary): string {
  const head = s.created ? '账单演示数据已创建' : '账单演示数据已存在，未重复创建';
  return `${head}：已发布 ${s.publishedPeriods.join('、')} 共 ${s.bills} 张账单，${s.housesOwing} 户有欠费（上月账单待生成，可在「抄表」导入读数后到「账单生成」试运行）\n`;
}
