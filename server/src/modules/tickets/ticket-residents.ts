import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserKind } from '@app/shared';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { UserDirectory } from '../identity/user-directory.service';
import { TicketFollower } from './ticket-follower.entity';

/**
 * Who hears a ticket's resident-facing messages (registered, assigned, quote waiting, done …). The reporter
 * when a resident reported it; when a customer manager registered it on a resident's behalf (代客报修) the
 * reporter is that staff member, so the message goes to the house's approved resident with the contact
 * phone given instead — and to nobody when there is none (the customer manager phones them).
 */
@Injectable()
export class TicketResidents {
  constructor(
    private readonly users: UserDirectory,
    private readonly bindings: BindingDirectory,
  ) {}

  async recipient(
    tx: EntityManager,
    t: { reporterId: number; houseId: number | null; contactPhone: string | null },
  ): Promise<number | null> {
    if ((await this.users.kindOf(t.reporterId, tx)) === UserKind.Resident) return t.reporterId;
    if (t.houseId === null || !t.contactPhone) return null;
    return this.bindings.approvedResidentWithPhone(t.houseId, t.contactPhone, tx);
  }

  /**
   * Progress messages: the recipient above plus the followers — reporters of duplicate reports merged into this
   * ticket (合并重复报修). Each person once, even when they are both (the outbox drops duplicates as well).
   */
  async progressRecipients(
    tx: EntityManager,
    t: { id: number; reporterId: number; houseId: number | null; contactPhone: string | null },
  ): Promise<number[]> {
    // One after the other: both run on the caller's transaction (one connection).
    const first = await this.recipient(tx, t);
    const followers = await this.followers(tx, t.id);
    return [...new Set([...(first === null ? [] : [first]), ...followers])];
  }

  async followers(tx: EntityManager, ticketId: number): Promise<number[]> {
    const rows = await tx
      .getRepository(TicketFollower)
      .find({ select: { userId: true }, where: { ticketId }, order: { id: 'ASC' } });
    return [...new Set(rows.map((r) => r.userId))];
  }
}
