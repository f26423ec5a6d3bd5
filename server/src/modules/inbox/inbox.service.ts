import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { IInboxMessage, IPage, IPageQuery } from '@app/shared';
import { pageWindow } from '../../common/pagination.dto';
import { insertRows } from '../../database/raw-rows';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { InboxMessage } from './inbox-message.entity';

export interface Notice {
  kind: string;
  title: string;
  body: string;
  ticketId?: number | null;
  objectId?: number | null;
}

/** Messages are written in the same transaction as the change they announce, so none is lost or invented. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async notify(tx: EntityManager, userIds: (number | null | undefined)[], notice: Notice): Promise<void> {
    const recipients = [...new Set(userIds.filter((id): id is number => typeof id === 'number'))];
    if (!recipients.length) return;
    const at = now();
    // Raw: every create of a ticket writes here, and TypeORM's insert builder re-plans the statement each time (P2).
    await insertRows(
      tx,
      InboxMessage,
      recipients.map((userId) => ({
        userId,
        kind: notice.kind,
        title: notice.title.slice(0, 100),
        body: notice.body.slice(0, 500),
        ticketId: notice.ticketId ?? null,
        objectId: notice.objectId ?? null,
        readAt: null,
        createdAt: at,
      })),
    );
  }

  async list(userId: number, unreadOnly: boolean, query: IPageQuery = {}): Promise<IPage<IInboxMessage>> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db.getRepository(InboxMessage).findAndCount({
      where: unreadOnly ? { userId, readAt: IsNull() } : { userId },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    const items = rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      body: m.body,
      ticketId: m.ticketId,
      objectId: m.objectId,
      readAt: m.readAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
    }));
    return { items, total, page, pageSize };
  }

  async unreadCount(userId: number): Promise<number> {
    return this.db.getRepository(InboxMessage).countBy({ userId, readAt: IsNull() });
  }

  async markAllRead(userId: number): Promise<void> {
    await this.db.getRepository(InboxMessage).update({ userId, readAt: IsNull() }, { readAt: now() });
  }

  async markRead(userId: number, id: number): Promise<void> {
    const result = await this.db
      .getRepository(InboxMessage)
      .update({ id, userId, readAt: IsNull() }, { readAt: now() });
    if (!result.affected && !(await this.db.getRepository(InboxMessage).existsBy({ id, userId })))
      throw DomainException.notFound('消息');
  }
}
