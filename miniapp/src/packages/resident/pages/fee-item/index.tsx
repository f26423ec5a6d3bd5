import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type IFeeItem } from '@app/shared';
import StatusView from '../../../../components/StatusView';
import { errorMessage } from '../../../../services/api-error';
import { getPublicFeeItem } from '../../../../services/api/catalog';
import { reportUrl } from '../../../../routes';
import { FEE_ITEM_PRICE_LABELS, feeItemKind, parseId, priceLabel } from '../../utils/fee-schedule';
import './index.scss';

type ItemState = { status: 'loading' } | { status: 'ready'; item: IFeeItem } | { status: 'error'; message: string };

/** 收费项目详情: public like the schedule, so it opens from a shared link without signing in. */
export default function FeeItem() {
  const { params } = useRouter();
  const itemId = parseId(params.id);
  const [state, setState] = useState<ItemState>({ status: 'loading' });

  const load = useCallback(async () => {
    if (itemId === null) {
      setState({ status: 'error', message: '收费项目不存在' });
      return;
    }
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', item: await getPublicFeeItem(itemId) });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [itemId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error')
    return <StatusView error={state.message} onRetry={itemId === null ? undefined : load} />;

  const { item } = state;
  const callOut = item.callOutFeeFen ?? 0;
  const kind = feeItemKind(item, params.category ? decodeURIComponent(params.category) : null);
  const book = (service: boolean) =>
    Taro.navigateTo({
      url: reportUrl({ category: item.categoryCode, itemCode: item.code, itemName: item.name, service }),
    });
  return (
    <View className="fee-item">
      <View className="card">
        <Text className="fee-item__name">{item.name}</Text>
        <Text className="muted fee-item__code">项目编号 {item.code}</Text>
        <View className="fee-item__price-row">
          <Text className="fee-item__price">{priceLabel(item)}</Text>
          <Text className="muted fee-item__price-label">{kind ? FEE_ITEM_PRICE_LABELS[kind] : '收费标准'}</Text>
        </View>
        <View className="fee-item__facts">
          <View className="fee-item__fact">
            <Text className="muted">计价单位</Text>
            <Text>{item.unit}</Text>
          </View>
          <View className="fee-item__fact">
            <Text className="muted">材料费</Text>
            <Text>{item.materialsExtra ? '材料另计' : '不另收材料费'}</Text>
          </View>
          <View className="fee-item__fact">
            <Text className="muted">上门费</Text>
            <Text>{callOut > 0 ? formatFen(callOut) : '不收取'}</Text>
          </View>
        </View>
      </View>

      <View className="card">
        <Text className="card-title">服务标准</Text>
        <Text className="fee-item__text">{item.serviceStandard || '—'}</Text>
      </View>

      <View className="card">
        <Text className="card-title">费用说明</Text>
        <View className="fee-item__rule">
          <Text className="fee-item__formula">维修费用 = 维修费 + 材料费</Text>
          <Text className="fee-item__text">业主自备材料只收维修费；物业代购材料按仓库采购价，经您同意后购买。</Text>
          <Text className="fee-item__text fee-item__this">
            {item.materialsExtra ? '本项目材料另计，按上述规则收取。' : '本项目不另收材料费。'}
          </Text>
        </View>
        <View className="fee-item__rule">
          <Text className="fee-item__rule-title">上门费</Text>
          <Text className="fee-item__text">
            {callOut > 0
              ? `本项目上门费 ${formatFen(callOut)}，每次上门只收一次；同一次上门办理多个项目时，按其中最高的一项收取。`
              : '本项目不收上门费。'}
          </Text>
        </View>
        <View className="fee-item__consent">
          <Text>每一笔费用都需您先在报价单上签字同意；未经您签字同意，物业不会收取任何费用。</Text>
        </View>
      </View>
      <View className="fee-item__actions">
        {kind === 'counter' && <Text className="muted">本项目请到物业服务中心办理。</Text>}
        {kind === 'service' && (
          <Button type="primary" onClick={() => book(true)}>
            预约此项
          </Button>
        )}
        {(kind === 'repair' || kind === null) && (
          <Button type="primary" onClick={() => book(false)}>
            报修
          </Button>
        )}
      </View>
    </View>
  );
}
