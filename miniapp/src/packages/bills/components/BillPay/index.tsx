import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IBillDetail } from '@app/shared';
import PhoneCall from '../../../../components/PhoneCall';
import { usePay } from '../../../../hooks/use-pay';
import { dueFen } from '../../../../utils/bills';
import { billTarget, choosableLines, chosenFen } from '../../utils/bill-lines';
import './index.scss';

interface IProps {
  bill: IBillDetail;
  phone: string | null;
  /** null: the whole bill; a set: the lines ticked in 费用明细. */
  chosen: ReadonlySet<number> | null;
  onChoose: (chosen: ReadonlySet<number> | null) => void;
}

/** 去缴费 for the whole bill or the lines ticked above (WeChat Pay); the service centre's desk is still there. */
export default function BillPay({ bill, phone, chosen, onChoose }: IProps) {
  const { pay, busy, error } = usePay();
  const due = dueFen(bill);
  const choosable = choosableLines(bill);
  const amount = chosen ? chosenFen(bill, chosen) : due;
  const count = chosen ? choosable.filter((l) => chosen.has(l.id)).length : 0;

  return (
    <View className="card bill-pay">
      <Text className="card-title">缴费</Text>
      {choosable.length > 1 && (
        <View className="bill-pay__modes">
          <Text className={`bill-pay__mode${chosen ? '' : ' bill-pay__mode--on'}`} onClick={() => onChoose(null)}>
            整单缴费
          </Text>
          <Text
            className={`bill-pay__mode${chosen ? ' bill-pay__mode--on' : ''}`}
            onClick={() => onChoose(chosen ?? new Set(choosable.map((l) => l.id)))}
          >
            选择项目缴费
          </Text>
        </View>
      )}
      {chosen ? (
        <View className="bill-pay__summary">
          <Text className="muted">在上方费用明细中勾选要缴的项目 · 已选 {count} 项</Text>
          <Text className="bill-pay__note muted">
            优惠等抵扣项在缴清整张账单时扣除；所选合计超过应缴金额时，按应缴金额收取。
          </Text>
        </View>
      ) : (
        <View className="bill-pay__summary">
          <Text className="muted">
            {bill.paidFen > 0 ? `已缴 ${formatFen(bill.paidFen)}，按剩余金额缴纳` : '本期账单全部费用'}
          </Text>
        </View>
      )}
      <View className="bill-pay__total">
        <Text>{chosen ? '已选合计' : '应缴金额'}</Text>
        <Text className="bill-pay__amount">{formatFen(amount)}</Text>
      </View>
      {error && <Text className="field-error">{error}</Text>}
      <Button
        className="bill-pay__btn"
        type="primary"
        loading={busy || undefined}
        disabled={busy || amount <= 0 || undefined}
        onClick={() => void pay({ houseId: bill.houseId, targets: [billTarget(bill, chosen)] })}
      >
        去缴费 {formatFen(amount)}
      </Button>
      <View className="bill-pay__desk">
        <Text className="muted">也可到物业服务中心缴纳（现金、银行转账或刷卡）</Text>
        {phone && (
          <View className="bill-pay__phone">
            <Text className="muted">服务中心电话 </Text>
            <PhoneCall phone={phone} display={phone} />
          </View>
        )}
      </View>
    </View>
  );
}
