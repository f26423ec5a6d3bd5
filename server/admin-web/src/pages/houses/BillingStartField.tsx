import { App, Button, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { setHouseBillingStart } from '../../api/property';

/**
 * 计费起始日 of a house (e.g. 交房日) in the house drawer: the monthly bill run bills 物业服务费 and fixed monthly
 * items from that day, prorated by days in its month, and nothing before it. Staff with house.edit (导入房屋、设置计费起始日)
 * may set or clear it; bills already written are not changed.
 */
export function BillingStartField({
  houseId,
  value,
  canEdit,
  onSaved,
}: {
  houseId: number;
  value: string | null;
  canEdit: boolean;
  onSaved: (next: string | null) => void;
}) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Dayjs | null>(value ? dayjs(value) : null);
  const [busy, setBusy] = useState(false);
  const next = draft ? draft.format('YYYY-MM-DD') : null;

  async function save() {
    setBusy(true);
    try {
      const house = await setHouseBillingStart(houseId, next);
      onSaved(house.billingStartDate);
      message.success(house.billingStartDate ? `计费起始日已设为 ${house.billingStartDate}` : '已清除计费起始日');
    } catch (error) {
      message.error(describeError(error, '计费起始日保存失败'));
    } finally {
      setBusy(false);
    }
  }

  if (!canEdit) return <span data-testid="billing-start">{value ?? '未设置（建档起全月计费）'}</span>;
  return (
    <Space orientation="vertical" size={4} data-testid="billing-start">
      <Space>
        <DatePicker value={draft} onChange={setDraft} placeholder="未设置" allowClear aria-label="计费起始日" />
        <Button type="primary" size="small" loading={busy} disabled={next === value} onClick={save}>
          保存
        </Button>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        如交房日。当月物业服务费与固定月费按天折算，之前的月份不计；已生成的账单不变。
      </Typography.Text>
    </Space>
  );
}
