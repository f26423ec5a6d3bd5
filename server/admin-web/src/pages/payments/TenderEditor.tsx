import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TENDER_METHOD_LABELS, formatFen } from '@app/shared';
import { Button, Input, Select, Space } from 'antd';
import { REFERENCE_LABELS, type DeskMethod, type TenderDraft } from './cashier-logic';

/** Several tenders for one collection: each a method, an amount in yuan and what identifies it. */
export function TenderEditor({
  tenders,
  methods,
  prepayBalanceFen = 0,
  onChange,
}: {
  tenders: readonly TenderDraft[];
  methods: readonly DeskMethod[];
  /** 预存抵扣 is offered with the balance shown, and not at all when the account is empty. */
  prepayBalanceFen?: number;
  onChange(next: TenderDraft[]): void;
}) {
  const update = (key: number, patch: Partial<TenderDraft>) =>
    onChange(tenders.map((t) => (t.key === key ? { ...t, ...patch } : t)));
  const add = () =>
    onChange([
      ...tenders,
      { key: Date.now() + tenders.length, method: 'cash', amount: '', reference: '', authCode: '' },
    ]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="tenders">
      {tenders.map((t, index) => (
        <Space.Compact key={t.key} block data-testid={`tender-${index}`}>
          <Select<DeskMethod>
            style={{ width: 190 }}
            value={t.method}
            aria-label="收款方式"
            data-testid="tender-method"
            options={methods.map((m) => ({
              value: m,
              label:
                m === 'prepaid'
                  ? `${TENDER_METHOD_LABELS[m]}（余额 ${formatFen(prepayBalanceFen)}）`
                  : TENDER_METHOD_LABELS[m],
              disabled: m === 'prepaid' && prepayBalanceFen <= 0,
            }))}
            // Choosing 预存抵扣 with no amount yet proposes the whole balance (the cashier may lower it).
            onChange={(method) =>
              update(
                t.key,
                method === 'prepaid' && !t.amount
                  ? { method, amount: (prepayBalanceFen / 100).toFixed(2) }
                  : { method },
              )
            }
          />
          <Input
            style={{ width: 130 }}
            prefix="¥"
            inputMode="decimal"
            aria-label="金额"
            placeholder="金额（元）"
            data-testid="tender-amount"
            value={t.amount}
            onChange={(e) => update(t.key, { amount: e.target.value })}
          />
          {t.method === 'prepaid' ? (
            <Input
              style={{ flex: 1, minWidth: 0 }}
              aria-label="预存余额"
              disabled
              data-testid="tender-prepay-balance"
              value={`可抵扣余额 ${formatFen(prepayBalanceFen)}`}
            />
          ) : t.method === 'wechat_micropay' ? (
            <Input
              style={{ flex: 1, minWidth: 0 }}
              aria-label="付款码"
              placeholder="扫描住户微信付款码"
              inputMode="numeric"
              maxLength={18}
              data-testid="tender-auth-code"
              value={t.authCode}
              onChange={(e) => update(t.key, { authCode: e.target.value })}
            />
          ) : (
            <Input
              style={{ flex: 1, minWidth: 0 }}
              aria-label={REFERENCE_LABELS[t.method]}
              placeholder={REFERENCE_LABELS[t.method]}
              maxLength={64}
              data-testid="tender-reference"
              value={t.reference}
              onChange={(e) => update(t.key, { reference: e.target.value })}
            />
          )}
          <Button
            icon={<DeleteOutlined />}
            aria-label="移除"
            disabled={tenders.length === 1}
            onClick={() => onChange(tenders.filter((x) => x.key !== t.key))}
          />
        </Space.Compact>
      ))}
      <Button icon={<PlusOutlined />} onClick={add} data-testid="add-tender">
        添加收款方式
      </Button>
    </Space>
  );
}

export const tenderSummary = (tenders: { method: DeskMethod; amountFen: number }[]) =>
  tenders.map((t) => `${TENDER_METHOD_LABELS[t.method]} ${formatFen(t.amountFen)}`).join(' + ');
