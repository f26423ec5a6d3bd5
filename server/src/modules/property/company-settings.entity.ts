import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Company-wide money rules (docs/domain.md §4); defaults come from the source procedures. */
@Entity({ name: 'company_settings' })
export class CompanySettings {
  @PrimaryColumn({ type: 'integer' })
  companyId: number;

  /** Cash on site is allowed only up to this amount (default ¥50.00). */
  @Column({ type: 'integer', default: 5000 })
  cashLimitFen: number;

  /** Waivers per project manager per calendar month, Asia/Shanghai (default ¥200.00). */
  @Column({ type: 'integer', default: 20000 })
  waiverMonthlyCapFen: number;
}

export const DEFAULT_CASH_LIMIT_FEN = 5000;
export const DEFAULT_WAIVER_MONTHLY_CAP_FEN = 20000;
