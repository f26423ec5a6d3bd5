import { Text } from '@tarojs/components';
import type { BillPayState } from '@app/shared';
import { BILL_PAY_STATE_LABELS } from '@app/shared';
import './index.scss';

/** 待缴 / 部分缴纳 / 已缴清, coloured like the ticket tags (orange waits for the resident, green is done). */
export default function PayStateTag({ payState }: { payState: BillPayState }) {
  return <Text className={`pay-tag pay-tag--${payState}`}>{BILL_PAY_STATE_LABELS[payState] ?? payState}</Text>;
}
