import { Permission, UserKind, can, type IMe, type ITicket } from '@app/shared';

/**
 * Who may read the 客户需求处理单 (GET /api/tickets/:id/form.pdf, docs/api.md): the ticket's resident (a
 * resident who could load the ticket is one), the technician it is assigned to (not one who could only grab
 * it from the pool), staff with 查看工单 on its project. The 查看处理单 button is shown to them only.
 */
export function mayReadTicketForm(
  ticket: Pick<ITicket, 'projectId' | 'technician'>,
  me: Pick<IMe, 'id' | 'kind' | 'roles'>,
): boolean {
  if (me.kind === UserKind.Resident) return true;
  if (ticket.technician?.userId === me.id) return true;
  return can(me.roles, Permission.TicketView, { projectId: ticket.projectId });
}
