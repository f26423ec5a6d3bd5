import { PrinterOutlined } from '@ant-design/icons';
import { type ITicket } from '@app/shared';
import { App, Button } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { saveBlob } from '../../api/billing';
import { downloadTicketForm } from '../../api/tickets';

/** 打印处理单: downloads the ticket's 客户需求处理单 (PDF with the resident's signatures) to print at the desk. */
export function TicketFormButton({ ticket }: { ticket: Pick<ITicket, 'id' | 'serial'> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function print() {
    setBusy(true);
    try {
      saveBlob(await downloadTicketForm(ticket.id), `客户需求处理单-${ticket.serial}.pdf`);
    } catch (error) {
      message.error(describeError(error, '处理单下载失败'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button icon={<PrinterOutlined />} loading={busy} onClick={print} data-testid="ticket-form-pdf">
      打印处理单
    </Button>
  );
}
