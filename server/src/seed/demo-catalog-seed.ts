import { DataSource } from 'typeorm';
import { PriceListKind, PriceListStatus } from '@app/shared';
import { now } from '../common/time';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from '../modules/catalog/price-list.entity';
import { ServiceCategoryService } from '../modules/catalog/service-category.service';
import { User } from '../modules/identity/user.entity';
import { Company } from '../modules/property/company.entity';
import {
  CompanySettings,
  DEFAULT_CASH_LIMIT_FEN,
  DEFAULT_WAIVER_MONTHLY_CAP_FEN,
} from '../modules/property/company-settings.entity';
import { DEMO_FEE_CATEGORIES, DEMO_FEE_ITEMS, DEMO_MATERIALS } from './demo-fee-schedule';

/**
 * Publishes version 1 of the demo fee schedule and material price list (drafted by finance,
 * approved by quality) unless the demo company already has them. Safe to run on every start.
 */
export async function seedDemoCatalog(
  ds: DataSource,
  companyCode: string,
): Promise<{ created: boolean; items: number }> {
  const company = await ds.getRepository(Company).findOneBy({ code: companyCode });
  if (!company) return { created: false, items: 0 };
  // Category → skill rules (company data); idempotent, so a re-seed after the migration changes nothing.
  await ServiceCategoryService.seedDefaults(ds.manager, company.id);
  const exists = await ds
    .getRepository(PriceListVersion)
    .countBy({ companyId: company.id, kind: PriceListKind.FeeSchedule });
  if (exists) return { created: false, items: await ds.getRepository(FeeItem).count() };
  const finance = await ds.getRepository(User).findOneBy({ username: 'finance1' });
  const quality = await ds.getRepository(User).findOneBy({ username: 'quality1' });
  const drafter = finance?.id ?? 0;
  const approver = quality?.id ?? drafter;
  await ds.transaction(async (tx) => {
    const at = now();
    const settings = await tx.getRepository(CompanySettings).findOneBy({ companyId: company.id });
    if (!settings) {
      await tx.getRepository(CompanySettings).insert({
        companyId: company.id,
        cashLimitFen: DEFAULT_CASH_LIMIT_FEN,
        waiverMonthlyCapFen: DEFAULT_WAIVER_MONTHLY_CAP_FEN,
      });
    }
    const publish = async (kind: PriceListKind, title: string) => {
      const res = await tx.getRepository(PriceListVersion).insert({
        kind,
        companyId: company.id,
        regionId: null,
        versionNo: 1,
        title,
        status: PriceListStatus.Published,
        effectiveFrom: at,
        publishedKey: `${kind}:${company.id}:0:${at.toISOString()}`,
        notes: '演示数据',
        createdBy: drafter,
        approvedBy: approver,
        approvedAt: at,
        publishedBy: approver,
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      return Number(res.identifiers[0].id);
    };
    const scheduleId = await publish(
      PriceListKind.FeeSchedule,
      `${new Date(at.getTime() + 8 * 3600_000).getUTCFullYear()} 年特约服务项目及收费标准`,
    );
    await tx
      .getRepository(FeeCategory)
      .insert(
        DEMO_FEE_CATEGORIES.map((c, i) => ({ versionId: scheduleId, code: c.code, name: c.name, sortOrder: i + 1 })),
      );
    await tx.getRepository(FeeItem).insert(DEMO_FEE_ITEMS.map((item) => ({ versionId: scheduleId, ...item })));
    const materialsId = await publish(PriceListKind.Materials, '仓库材料采购价');
    await tx.getRepository(MaterialPrice).insert(DEMO_MATERIALS.map((m) => ({ versionId: materialsId, ...m })));
  });
  return { created: true, items: DEMO_FEE_ITEMS.length };
}
