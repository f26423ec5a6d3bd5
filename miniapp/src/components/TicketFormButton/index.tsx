import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { IMe, ITicket } from '@app/shared';
import { errorMessage } from '../../services/api-error';
import { mayReadTicketForm } from '../../utils/ticket-form-access';
import { openAuthorizedPdf } from '../../utils/authorized-pdf';
import { ticketFormPdfPath } from '../../services/api/tickets';

interface IProps {
  ticket: Pick<ITicket, 'id' | 'serial' | 'projectId' | 'technician'>;
  /** The signed-in user; nothing is shown until it is known, nor to someone the server would refuse. */
  me: Pick<IMe, 'id' | 'kind' | 'roles'> | null;
  className?: string;
}

/** 查看处理单: the ticket's 客户需求处理单 PDF (the one the console prints), opened with the session's token. */
export default function TicketFormButton({ ticket, me, className }: IProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me || !mayReadTicketForm(ticket, me)) return null;

  async function open() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await openAuthorizedPdf(ticketFormPdfPath(ticket.id), `处理单${ticket.serial}.pdf`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ticket-form">
      <Button className={className} size="mini" loading={busy || undefined} disabled={busy || undefined} onClick={open}>
        查看处理单
      </Button>
      {error && <Text className="field-error">{error}</Text>}
    </View>
  );
}
