import { relationLabel, type IBinding } from '@app/shared';
import { Alert, Radio, Space } from 'antd';
import { useState } from 'react';
import { lookupCaller } from '../../api/bindings';
import { PhoneSearchInput, usePhoneLookup } from '../../components/PhoneSearch';

export interface CallerLookupProps {
  projectId: number;
  /** The house the caller chose among their verified ones, or null (not found: staff pick the house by hand). */
  onPick(binding: IBinding | null, phone: string): void;
}

/** 代客报修 starts from the number the resident calls from: their verified houses in this project, one click each. */
export function CallerLookup({ projectId, onPick }: CallerLookupProps) {
  const [picked, setPicked] = useState<number | null>(null);
  const lookup = usePhoneLookup(
    (phone) => lookupCaller({ projectId, phone }),
    (houses, phone) => {
      setPicked(houses.length === 1 ? houses[0].id : null);
      onPick(houses.length === 1 ? houses[0] : null, phone);
    },
  );
  const { found } = lookup;

  function choose(id: number) {
    setPicked(id);
    onPick(found?.find((b) => b.id === id) ?? null, lookup.phone);
  }

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }} data-testid="caller-lookup">
      <PhoneSearchInput
        input={lookup.input}
        onSearch={lookup.search}
        width={360}
        placeholder="输入来电号码"
        enterButton="查找住户"
        testId="caller-phone"
      />
      {found && found.length === 0 ? (
        <Alert
          type="info"
          showIcon
          title="该号码没有本项目已认证的房屋，请在下方手动选择楼栋单元和房号"
          data-testid="caller-none"
        />
      ) : null}
      {found && found.length > 0 ? (
        <Radio.Group value={picked} onChange={(e) => choose(e.target.value as number)} data-testid="caller-houses">
          <Space orientation="vertical" size={4}>
            {found.map((b) => (
              <Radio key={b.id} value={b.id}>
                {b.houseLabel} · {b.name}（{relationLabel(b.relation)}）
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ) : null}
    </Space>
  );
}
