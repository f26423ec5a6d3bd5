import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IComplaint, IComplaintDetail, IComplaintEvent, IMediaRef } from '@app/shared';
import { maskPhone } from '@app/shared';
import { now } from '../../common/time';
import { UserDirectory } from '../identity/user-directory.service';
import { MediaService } from '../media/media.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { TicketAccess } from '../tickets/ticket-access.service';
import { complaintNumber, isOverdue } from './complaint-rules';
import { Complaint, ComplaintEvent } from './complaint.entity';

/** How the caller sees a complaint: staff see everything (phones by permission), the resident their own steps. */
export interface ViewerRights {
  staff: boolean;
  fullPhone: boolean;
}

export const mediaIdsOf = (text: string | null): number[] =>
  text
    ? text
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : [];

@Injectable()
export class ComplaintViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserDirectory,
    private readonly property: PropertyDirectory,
    private readonly media: MediaService,
    private readonly tickets: TicketAccess,
  ) {}

  async list(rows: Complaint[], rights: ViewerRights): Promise<IComplaint[]> {
    if (!rows.length) return [];
    const [people, houses, serials] = await Promise.all([
      this.users.people(rows.flatMap((c) => [c.investigatorId, c.responsibleUserId])),
      this.property.houseLabels(rows.map((c) => c.houseId)),
      this.tickets.serialsOf(rows.map((c) => c.ticketId)),
    ]);
    const at = now();
    return rows.map((c) => ({
      id: c.id,
      number: complaintNumber(c.id),
      projectId: c.projectId,
      houseId: c.houseId,
      houseLabel: c.houseId === null ? null : (houses.get(c.houseId)?.label ?? null),
      ticketId: c.ticketId,
      ticketSerial: c.ticketId === null ? null : (serials.get(c.ticketId) ?? null),
      complainantId: c.complainantId,
      contactName: c.contactName,
      contactPhone: c.contactPhone === null ? null : rights.fullPhone ? c.contactPhone : maskPhone(c.contactPhone),
      category: c.category,
      description: c.description,
      channel: c.channel,
      status: c.status,
      version: c.version,
      investigatorId: c.investigatorId,
      investigatorName: c.investigatorId === null ? null : (people.get(c.investigatorId)?.name ?? null),
      contactDueAt: c.contactDueAt.toISOString(),
      contactedAt: c.contactedAt?.toISOString() ?? null,
      resolveDueAt: c.resolveDueAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      resolution: c.resolution,
      responsibleUserId: rights.staff ? c.responsibleUserId : null,
      responsibleName:
        rights.staff && c.responsibleUserId !== null ? (people.get(c.responsibleUserId)?.name ?? null) : null,
      cause: rights.staff ? c.cause : null,
      disputeCount: c.disputeCount,
      escalated: c.escalated,
      contactOverdue: c.contactBreached || (c.status !== 'closed' && isOverdue(c.contactDueAt, c.contactedAt, at)),
      resolveOverdue:
        c.resolveBreached || (c.status !== 'closed' && isOverdue(c.resolveDueAt, c.resolvedAt ?? c.closedAt, at)),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  async detail(c: Complaint, rights: ViewerRights): Promise<IComplaintDetail> {
    const [view] = await this.list([c], rights);
    const events = await this.db
      .getRepository(ComplaintEvent)
      .find({ where: { complaintId: c.id }, order: { id: 'ASC' } });
    const shown = rights.staff ? events : events.filter((e) => !e.internal);
    const actors = await this.users.people(shown.map((e) => e.actorId));
    const ref = (id: number): IMediaRef => ({ id, ...this.media.signedUrls(id) });
    const timeline: IComplaintEvent[] = shown.map((e) => ({
      id: e.id,
      action: e.action as IComplaintEvent['action'],
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      // Residents see who handles their complaint by role, not by the staff member's name.
      actorName:
        e.actorId === null
          ? null
          : rights.staff || e.actorId === c.complainantId
            ? (actors.get(e.actorId)?.name ?? null)
            : '物业客服',
      note: e.note,
      media: mediaIdsOf(e.mediaIds).map(ref),
      at: e.createdAt.toISOString(),
    }));
    const created = events.find((e) => e.action === 'create');
    return { ...view, media: mediaIdsOf(created?.mediaIds ?? null).map(ref), events: timeline };
  }
}
