import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Permission, TicketActor, type ITicketSignature } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { holds, type Principal } from '../../../common/principal';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { resolveCjkFont } from '../../billing/reports/pdf/cjk-font';
import { ServiceCategoryService } from '../../catalog/service-category.service';
import { AccessService } from '../../identity/access.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { MediaService } from '../../media/media.service';
import { TicketAccess } from '../ticket-access.service';
import { TicketEvent } from '../ticket.entity';
import { TicketsService } from '../tickets.service';
import { renderTicketFormPdf, type PrintedSignature } from './ticket-form-pdf';

/**
 * The printable 客户需求处理单 of one ticket. Staff with ticket.view on the ticket's project, the technician the
 * job is assigned to, or the ticket's resident may print it; anyone else gets 404 like the detail. The contents are the detail the viewer
 * already sees (phone masked unless they may call), plus the process times and the stored signature images.
 */
@Injectable()
export class TicketFormService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly details: TicketsService,
    private readonly categories: ServiceCategoryService,
    private readonly media: MediaService,
    private readonly users: UserDirectory,
  ) {}

  async pdf(principal: Principal, id: number): Promise<{ body: Buffer; filename: string }> {
    const ticket = await this.tickets.find(id);
    const staff = this.access.canActOnProject(principal, ticket.projectId, Permission.TicketView);
    // The technician the job is assigned to prints it on site; one who merely qualifies for a pool job may not.
    const technician = ticket.technicianId === principal.userId && holds(principal, Permission.JobWork);
    if (!staff && !technician && !(await this.tickets.actorsFor(principal, ticket)).includes(TicketActor.Resident))
      throw DomainException.notFound('工单');
    // Font first: without one nothing else is worth reading.
    const font = resolveCjkFont(this.config.pdfFont);
    const view = await this.details.detail(principal, id);
    const [category, agreement, acceptance, returnVisit, printer] = await Promise.all([
      this.categories.ruleForProject(ticket.projectId, ticket.category).catch(() => null),
      this.signature(view.signatures, 'quote_agreement'),
      this.signature(view.signatures, 'acceptance'),
      this.returnVisit(ticket.id),
      this.users.people([principal.userId]),
    ]);
    const body = await renderTicketFormPdf(font, {
      ticket: view,
      categoryName: category?.name ? `${category.name}（${ticket.category}）` : ticket.category,
      reporterPhone: view.contactPhone ?? view.contactPhoneMasked,
      technicianName: view.technician?.name ?? null,
      times: {
        registered: ticket.registeredAt ?? ticket.createdAt,
        dispatched: ticket.dispatchedAt,
        arrived: ticket.onSiteAt,
        done: ticket.doneAt,
        verified: ticket.verifiedAt,
        visited: ticket.visitedAt,
      },
      agreement,
      acceptance,
      returnVisit,
      printedAt: new Date(),
      printedByName: printer.get(principal.userId)?.name ?? '',
    });
    return { body, filename: `ticket-${ticket.serial}.pdf` };
  }

  /** The latest signing act of the purpose (an acceptance after rework replaces the earlier one). */
  private async signature(
    all: ITicketSignature[],
    purpose: ITicketSignature['purpose'],
  ): Promise<PrintedSignature | null> {
    const sig = all.filter((s) => s.purpose === purpose).at(-1);
    if (!sig) return null;
    return {
      signerName: sig.signerName,
      relation: sig.relation,
      signedAt: new Date(sig.signedAt),
      collectedByTechnician: sig.collectedByTechnician,
      image: sig.image ? await this.media.signatureImage(sig.image.id) : null,
    };
  }

  private async returnVisit(
    ticketId: number,
  ): Promise<{ result: string; satisfied: boolean | null; byName: string } | null> {
    const event = await this.db
      .getRepository(TicketEvent)
      .findOne({ where: { ticketId, action: 'return_visit' }, order: { id: 'DESC' } });
    if (!event) return null;
    const data = event.dataJson ? (JSON.parse(event.dataJson) as { satisfied?: unknown }) : {};
    const by = event.actorId === null ? undefined : (await this.users.people([event.actorId])).get(event.actorId);
    return {
      result: event.reason ?? '',
      satisfied: typeof data.satisfied === 'boolean' ? data.satisfied : null,
      byName: by?.name ?? '',
    };
  }
}
