import { Text, View } from '@tarojs/components';
import { formatQuantity } from '../../../../utils/ticket-format';

interface IProps {
  name: string;
  price: string;
  quantityMilli: number;
  onStep: (delta: number) => void;
  className?: string;
}

/** One schedule item or material with its price and a − / + stepper. */
export default function QuoteRow({ name, price, quantityMilli, onStep, className }: IProps) {
  return (
    <View className={`job__item${className ? ` ${className}` : ''}`}>
      <View className="job__item-main">
        <Text>{name}</Text>
        <Text className="muted">{price}</Text>
      </View>
      <View className="job__stepper">
        <Text className="job__step" onClick={() => onStep(-1)}>
          −
        </Text>
        <Text className="job__qty">{formatQuantity(quantityMilli)}</Text>
        <Text className="job__step" onClick={() => onStep(1)}>
          +
        </Text>
      </View>
    </View>
  );
}
