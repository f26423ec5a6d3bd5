import type { ITicket } from '@app/shared';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { ticketAction } from '../../api/tickets';
import { ActionFields } from './ActionFields';
import {
  actionLabel,
  actionPath,
  buildActionBody,
  conflictMessage,
  type ActionFormValues,
  type ConsoleAction,
} from './ticket-logic';

export interface ActionModalProps {
  ticket: ITicket;
  action: ConsoleAction;
  onClose(): void;
  onDone(updated: ITicket): void;
  /** The ticket moved on under us (409): the caller reloads it. */
  onConflict(): void;
}

export function TicketActionModal({ ticket, action, onClose, onDone, onConflict }: ActionModalProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: ActionFormValues) {
    const built = buildActionBody(action, ticket, values);
    if (!built.ok) {
      form.setFields([{ name: built.field, errors: [built.message] }]);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await ticketAction(ticket.id, actionPath(action), built.body);
      message.success(`${ticket.serial} 已${actionLabel(action)}`);
      onDone(updated);
    } catch (err) {
      setSaving(false);
      const conflict = conflictMessage(err);
      if (conflict) {
        modal.warning({ title: '工单状态已变化', content: conflict });
        onConflict();
        return;
      }
      setError(describeError(err));
    }
  }

  const danger = action === 'cancel' || action === 'damage';
  return (
    <Modal
      open
      title={`${actionLabel(action)} · ${ticket.serial}`}
      okText={`确认${actionLabel(action)}`}
      okButtonProps={{ danger }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Typography.Paragraph type="secondary">
        {ticket.houseLabel ?? '公共区域'} · {ticket.description}
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        // Errors set by buildActionBody are not tied to rules, so clear them once the field changes.
        onValuesChange={(changed) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof ActionFormValues, errors: [] })));
          // An override belongs to one technician choice; a new choice starts without it.
          if ('technicianId' in changed) form.setFieldsValue({ override: false, overrideReason: undefined });
        }}
        initialValues={{ category: ticket.category, urgency: ticket.urgency }}
      >
        <ActionFields ticket={ticket} action={action} />
      </Form>
    </Modal>
  );
}
