import { Injectable } from '@nestjs/common';
import { ICompanySettings, Permission, can } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PropertyDirectory } from '../property/property-directory.service';
import { ChargeStore } from './charge-store';
import { CompanySettingsDto } from './dto/cash.dto';

/** The company's money rules (cash limit, waiver cap); a company without a row uses the defaults. */
@Injectable()
export class CompanySettingsService {
  constructor(
    private readonly store: ChargeStore,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async get(principal: Principal, companyId: number): Promise<ICompanySettings> {
    this.assertCompanyScope(principal, companyId);
    return { companyId, ...(await this.store.rules(companyId)) };
  }

  async update(principal: Principal, companyId: number, dto: CompanySettingsDto): Promise<ICompanySettings> {
    this.assertCompanyScope(principal, companyId);
    const after = { cashLimitFen: dto.cashLimitFen, waiverMonthlyCapFen: dto.waiverMonthlyCapFen };
    const save = () =>
      this.store.transaction(async (tx) => {
        const before = await this.store.rules(companyId, tx);
        await this.property.saveMoneyRules(tx, companyId, after);
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'settings.update',
          entityType: 'company_settings',
          entityId: companyId,
          companyId,
          before,
          after,
        });
      });
    try {
      await save();
    } catch (error) {
      // Two first-time saves raced on the insert; the row exists now, so the retry updates it.
      if (!isUniqueViolation(error)) throw error;
      await save();
    }
    return { companyId, ...after };
  }

  /** Company rules belong to finance/admin granted over the whole company; anyone else sees nothing. */
  private assertCompanyScope(principal: Principal, companyId: number): void {
    if (!can(principal.grants, Permission.CompanySettingsEdit, { companyId })) throw DomainException.notFound('公司');
  }
}
