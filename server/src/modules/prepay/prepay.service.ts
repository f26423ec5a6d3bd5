import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, PrepayEntryKind, type IPage, type IPrepayAccount, type IPrepayLedgerEntry } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { PrepayAccount, PrepayLedgerEntry } from './prepay.entity';

export interface PrepayCredit {
  houseId: number;
  amountFen: number;
  kind: 'topup' | 'offer_bonus';
  /** The payment that brought the money (WeChat order, cashier tender); the bonus names its top-up's payment. */
  paymentId: number | null;
  offerId?: number | null;
  note: string;
  /** Unique per business event: the same ref twice credits once (a replayed notify writes nothing). */
  ref: string;
  actorId: number | null;
}

export interface PrepayDebit {
  houseId: number;
  amountFen: number;
  kind: 'settle' | 'refund';
  billId: number | null;
  paymentId: number | null;
  note: string;
  ref: string;
  actorId: number | null;
}

const insufficient = (balanceFen: number) =>
  new DomainException(ErrorCode.StateConflict, '预存余额不足', HttpStatus.CONFLICT, { balanceFen });

/**
 * Prepayment accounts (预存): the balance moves only through `credit`/`debit`, each a conditional UPDATE plus
 * one ledger row with the balance after it, inside the caller's transaction. A debit never takes the
 * balance below zero (`balance_fen >= :amount` in the UPDATE), so two settlements at once cannot overdraw.
 */
@Injectable()
export class PrepayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
    private readonly audit: AuditService,
  ) {}

  /** Money into the account. Returns the ledger entry, or null when `ref` was credited before (replay). */
  async credit(tx: EntityManager, input: PrepayCredit): Promise<IPrepayLedgerEntry | null> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
      throw DomainException.validation('amountFen', '预存金额必须大于 0');
    if (await tx.getRepository(PrepayLedgerEntry).existsBy({ ref: input.ref })) return null;
    const account = await this.ensureAccount(tx, input.houseId);
    await tx
      .createQueryBuilder()
      .update(PrepayAccount)
      .set({ balanceFen: () => 'balance_fen + :amount', updatedAt: now() })
      .setParameter('amount', input.amountFen)
      .where('id = :id', { id: account.id })
      .execute();
    return this.append(tx, account, { ...input, amountFen: input.amountFen, billId: null });
  }

  /** Money out of the account; 409 with the current balance when it does not cover `amountFen`. */
  async debit(tx: EntityManager, input: PrepayDebit): Promise<IPrepayLedgerEntry> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
      throw DomainException.validation('amountFen', '抵扣金额必须大于 0');
    const account = await tx.getRepository(PrepayAccount).findOneBy({ houseId: input.houseId });
    if (!account) throw insufficient(0);
    const moved = await tx
      .createQueryBuilder()
      .update(PrepayAccount)
      .set({ balanceFen: () => 'balance_fen - :amount', updatedAt: now() })
      .setParameter('amount', input.amountFen)
      .where('id = :id AND balance_fen >= :amount', { id: account.id, amount: input.amountFen })
      .execute();
    if (!moved.affected) throw insufficient(await this.latestBalance(tx, account.id));
    return this.append(tx, account, { ...input, amountFen: -input.amountFen, offerId: null });
  }

  /**
   * A refunded top-up takes its money back out (409 when it was already spent on bills). Numbered per payment
   * so two partial refunds are two lines, and two racing copies of the same one collide on the ref.
   */
  async debitRefund(
    tx: EntityManager,
    houseId: number,
    paymentId: number,
    amountFen: number,
  ): Promise<IPrepayLedgerEntry> {
    const n = await tx.getRepository(PrepayLedgerEntry).countBy({ paymentId, kind: PrepayEntryKind.Refund });
    return this.debit(tx, {
      houseId,
      amountFen,
      kind: 'refund',
      billId: null,
      paymentId,
      note: '预存退款',
      ref: `payment:${paymentId}:refund:${n + 1}`,
      actorId: null,
    });
  }

  /**
   * The committed balance now, not the transaction's snapshot: on MySQL/MariaDB (REPEATABLE READ) a plain
   * SELECT after a lost conditional UPDATE would still show the balance from before the winner committed.
   */
  private async latestBalance(tx: EntityManager, accountId: number): Promise<number> {
    const lock = tx.connection.options.type === 'better-sqlite3' ? '' : ' LOCK IN SHARE MODE';
    const rows: { balance_fen: number | string }[] = await tx.query(
      `SELECT balance_fen FROM prepay_accounts WHERE id = ?${lock}`,
      [accountId],
    );
    return rows.length ? Number(rows[0].balance_fen) : 0;
  }

  async balanceOf(tx: EntityManager, houseId: number): Promise<number | null> {
    const row = await tx.getRepository(PrepayAccount).findOne({ select: { balanceFen: true }, where: { houseId } });
    return row ? Number(row.balanceFen) : null;
  }

  /** Houses of a project with money in their account (what a publish should try to settle). */
  async housesWithBalance(projectId: number, houseIds?: readonly number[]): Promise<number[]> {
    const qb = this.db
      .getRepository(PrepayAccount)
      .createQueryBuilder('a')
      .select('a.house_id', 'houseId')
      .where('a.project_id = :projectId AND a.balance_fen > 0', { projectId });
    if (houseIds) {
      if (!houseIds.length) return [];
      qb.andWhere('a.house_id IN (:...houseIds)', { houseIds });
    }
    return (await qb.orderBy('a.house_id', 'ASC').getRawMany<{ houseId: number }>()).map((r) => Number(r.houseId));
  }

  async housesWithBalanceAnywhere(): Promise<number[]> {
    const rows = await this.db
      .getRepository(PrepayAccount)
      .createQueryBuilder('a')
      .select('a.house_id', 'houseId')
      .where('a.balance_fen > 0')
      .orderBy('a.house_id', 'ASC')
      .getRawMany<{ houseId: number }>();
    return rows.map((r) => Number(r.houseId));
  }

  async accountView(houseId: number): Promise<IPrepayAccount> {
    const [account, labels] = await Promise.all([
      this.db.getRepository(PrepayAccount).findOneBy({ houseId }),
      this.property.houseLabels([houseId]),
    ]);
    return {
      houseId,
      houseLabel: labels.get(houseId)?.label ?? '',
      balanceFen: account ? Number(account.balanceFen) : 0,
      updatedAt: account?.updatedAt.toISOString() ?? null,
    };
  }

  /** Newest first. */
  async ledgerView(houseId: number, page: number, pageSize: number): Promise<IPage<IPrepayLedgerEntry>> {
    const [rows, total] = await this.db.getRepository(PrepayLedgerEntry).findAndCount({
      where: { houseId },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toEntry), total, page, pageSize };
  }

  private async ensureAccount(tx: EntityManager, houseId: number): Promise<PrepayAccount> {
    const repo = tx.getRepository(PrepayAccount);
    const existing = await repo.findOneBy({ houseId });
    if (existing) return existing;
    const house = await this.property.house(houseId, tx);
    if (!house) throw DomainException.notFound('房屋');
    const project = await this.property.project(house.projectId, tx);
    const at = now();
    try {
      await repo.insert({
        companyId: project?.companyId ?? 0,
        projectId: house.projectId,
        houseId,
        balanceFen: 0,
        createdAt: at,
        updatedAt: at,
      });
    } catch (error) {
      // A concurrent first credit of the same house created it; use that one.
      if (!isUniqueViolation(error)) throw error;
    }
    return repo.findOneByOrFail({ houseId });
  }

  private async append(
    tx: EntityManager,
    account: PrepayAccount,
    input: {
      kind: PrepayEntryKind;
      amountFen: number;
      billId: number | null;
      paymentId: number | null;
      offerId?: number | null;
      note: string;
      ref: string;
      actorId: number | null;
    },
  ): Promise<IPrepayLedgerEntry> {
    // Read inside the same transaction right after our UPDATE: the row is ours until commit (MySQL row lock,
    // SQLite single writer), so this is exactly the balance our movement produced.
    const balanceAfterFen = (await this.balanceOf(tx, account.houseId)) ?? 0;
    const row: Omit<PrepayLedgerEntry, 'id'> = {
      accountId: account.id,
      projectId: account.projectId,
      houseId: account.houseId,
      kind: input.kind,
      amountFen: input.amountFen,
      balanceAfterFen,
      billId: input.billId,
      paymentId: input.paymentId,
      offerId: input.offerId ?? null,
      ref: input.ref,
      note: input.note.slice(0, 200),
      createdBy: input.actorId,
      createdAt: now(),
    };
    const id = Number((await tx.getRepository(PrepayLedgerEntry).insert(row)).identifiers[0].id);
    await this.audit.record(tx, {
      actorId: input.actorId,
      action: `prepay.${input.kind}`,
      entityType: 'prepay_account',
      entityId: account.id,
      companyId: account.companyId,
      projectId: account.projectId,
      after: {
        houseId: account.houseId,
        amountFen: input.amountFen,
        balanceAfterFen,
        billId: input.billId,
        paymentId: input.paymentId,
        ref: input.ref,
      },
    });
    return toEntry({ id, ...row });
  }
}

function toEntry(r: PrepayLedgerEntry): IPrepayLedgerEntry {
  return {
    id: r.id,
    kind: r.kind,
    amountFen: Number(r.amountFen),
    balanceAfterFen: Number(r.balanceAfterFen),
    billId: r.billId,
    paymentId: r.paymentId,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
  };
}
