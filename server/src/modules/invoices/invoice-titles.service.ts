import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoiceTitleKind, taxIdProblem, type IInvoiceTitle, type IUpsertInvoiceTitleRequest } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { InvoiceTitle } from './invoice.entity';

/** A resident keeps at most this many titles. */
const MAX_TITLES = 20;

/** Residents' saved invoice titles (抬头): personal (a name) or company (name + 纳税人识别号). */
@Injectable()
export class InvoiceTitlesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mine(userId: number): Promise<IInvoiceTitle[]> {
    const rows = await this.db
      .getRepository(InvoiceTitle)
      .find({ where: { userId }, order: { isDefault: 'DESC', id: 'ASC' } });
    return rows.map(toTitle);
  }

  async own(userId: number, id: number): Promise<InvoiceTitle> {
    const row = await this.db.getRepository(InvoiceTitle).findOneBy({ id, userId });
    if (!row) throw DomainException.notFound('发票抬头');
    return row;
  }

  async save(userId: number, input: IUpsertInvoiceTitleRequest & { id?: number }): Promise<IInvoiceTitle> {
    const company = input.kind === InvoiceTitleKind.Company;
    const taxId = company ? (input.taxId ?? '').trim().toUpperCase() : null;
    if (company) {
      if (!taxId) throw DomainException.validation('taxId', '企业抬头请填写纳税人识别号');
      const problem = taxIdProblem(taxId);
      if (problem) throw DomainException.validation('taxId', problem);
    }
    const fields = { kind: input.kind, name: input.name, taxId, email: input.email || null, updatedAt: now() };
    const id = await runInTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(InvoiceTitle);
      let titleId: number;
      if (input.id) {
        if (!(await repo.existsBy({ id: input.id, userId }))) throw DomainException.notFound('发票抬头');
        await repo.update({ id: input.id }, fields);
        titleId = input.id;
      } else {
        if ((await repo.countBy({ userId })) >= MAX_TITLES)
          throw DomainException.validation('name', `最多保存 ${MAX_TITLES} 个发票抬头`);
        const first = !(await repo.existsBy({ userId }));
        titleId = Number(
          (await repo.insert({ ...fields, userId, isDefault: first, createdAt: now() })).identifiers[0].id,
        );
      }
      if (input.isDefault) {
        await repo.update({ userId }, { isDefault: false });
        await repo.update({ id: titleId }, { isDefault: true });
      }
      return titleId;
    });
    return toTitle(await this.db.getRepository(InvoiceTitle).findOneByOrFail({ id }));
  }

  async remove(userId: number, id: number): Promise<void> {
    const deleted = await this.db.getRepository(InvoiceTitle).delete({ id, userId });
    if (!deleted.affected) throw DomainException.notFound('发票抬头');
  }
}

function toTitle(r: InvoiceTitle): IInvoiceTitle {
  return { id: r.id, kind: r.kind, name: r.name, taxId: r.taxId, email: r.email, isDefault: !!r.isDefault };
}
