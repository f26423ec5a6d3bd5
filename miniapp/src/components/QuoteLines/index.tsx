import { Text, View } from '@tarojs/components';
import { formatFen, type IQuoteLine } from '@app/shared';
import { formatQuantity } from '../../utils/ticket-format';
import './index.scss';

interface IProps {
  lines: readonly IQuoteLine[];
  totalFen: number;
}

const KIND_NOTES: Record<IQuoteLine['kind'], string> = { labour: '', call_out: '', material: '材料' };

/** Priced lines (name × quantity at unit price = amount) and the total: what the resident agrees to, line by line. */
export default function QuoteLines({ lines, totalFen }: IProps) {
  return (
    <View className="quote-lines">
      {lines.map((line, i) => (
        <View key={`${line.kind}-${line.code}-${i}`} className="quote-lines__line">
          <View className="quote-lines__main">
            <Text>
              {KIND_NOTES[line.kind] && <Text className="quote-lines__kind">{KIND_NOTES[line.kind]}</Text>}
              {line.name}
            </Text>
            <Text className="muted quote-lines__unit">
              {formatFen(line.unitPriceFen)}/{line.unit} × {formatQuantity(line.quantityMilli)}
            </Text>
          </View>
          <Text>{formatFen(line.amountFen)}</Text>
        </View>
      ))}
      <View className="quote-lines__total">
        <Text>合计</Text>
        <Text className="quote-lines__amount">{formatFen(totalFen)}</Text>
      </View>
    </View>
  );
}
