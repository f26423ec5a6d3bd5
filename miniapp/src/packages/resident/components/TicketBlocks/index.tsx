import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { formatFen, type IMediaRef } from '@app/shared';
import { formatQuantity } from '../../../../utils/ticket-format';

interface IPriceLine {
  kind: string;
  code: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  quantityMilli: number;
  amountFen: number;
}

/** Lines of a quote or a charge with their total, as the resident reads them before agreeing or confirming. */
export function PriceLines({
  lines,
  totalFen,
  showKind = false,
}: {
  lines: IPriceLine[];
  totalFen: number;
  showKind?: boolean;
}) {
  return (
    <>
      {lines.map((line, i) => (
        <View key={`${line.code}-${i}`} className="detail__line">
          <View className="detail__line-main">
            <Text>{line.name}</Text>
            <Text className="muted">
              {showKind ? `${line.kind === 'material' ? '材料' : '人工'} · ` : ''}
              {formatFen(line.unitPriceFen)}/{line.unit} × {formatQuantity(line.quantityMilli)}
            </Text>
          </View>
          <Text>{formatFen(line.amountFen)}</Text>
        </View>
      ))}
      <View className="detail__total">
        <Text>合计</Text>
        <Text className="detail__total-amount">{formatFen(totalFen)}</Text>
      </View>
    </>
  );
}

export function preview(list: IMediaRef[], index: number) {
  void Taro.previewImage({ urls: list.map((m) => m.url), current: list[index].url });
}

export function Photos({ list }: { list: IMediaRef[] }) {
  return (
    <View className="detail__photos">
      {list.map((m, i) => (
        <Image
          key={m.id}
          className="detail__photo"
          src={m.thumbUrl}
          mode="aspectFill"
          onClick={() => preview(list, i)}
        />
      ))}
    </View>
  );
}

export function Row({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  return (
    <View className="detail__row">
      <Text className="detail__row-label">{label}</Text>
      <Text className="detail__row-value">
        {value}
        {children}
      </Text>
    </View>
  );
}
