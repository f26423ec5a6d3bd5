import { Alert, Radio, Select, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import type { IHouse } from '@app/shared';
import { describeError } from '../../api/api-error';
import { lookupHousesByPhone } from '../../api/payments';
import { PhoneSearchInput, usePhoneLookup } from '../../components/PhoneSearch';
import { listBuildings, listHouses } from '../../api/property';
import { useAsync } from '../../lib/use-async';

export interface FoundHouse {
  id: number;
  label: string;
}

/** 收银台: the payer's house by 楼栋 → 单元 → 房号 (the property directory), or by the phone they registered with. */
export function HouseFinder({ projectId, onPick }: { projectId: number; onPick(house: FoundHouse | null): void }) {
  return (
    <Tabs
      size="small"
      data-testid="house-finder"
      items={[
        { key: 'room', label: '按房号', children: <ByRoom projectId={projectId} onPick={onPick} /> },
        { key: 'phone', label: '按手机号', children: <ByPhone projectId={projectId} onPick={onPick} /> },
      ]}
    />
  );
}

function ByRoom({ projectId, onPick }: { projectId: number; onPick(house: FoundHouse | null): void }) {
  const buildings = useAsync(() => listBuildings(projectId), [projectId]);
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [houseId, setHouseId] = useState<number | null>(null);
  const [houses, setHouses] = useState<IHouse[]>([]);
  const [loadingHouses, setLoadingHouses] = useState(false);
  const units = buildings.data?.find((b) => b.id === buildingId)?.units ?? [];

  useEffect(() => {
    if (!buildingId || !unitId) return setHouses([]);
    let live = true;
    setLoadingHouses(true);
    listHouses(projectId, { buildingId, unitId, page: 1, pageSize: 200 })
      .then(
        (page) => live && setHouses(page.items),
        () => live && setHouses([]),
      )
      .finally(() => live && setLoadingHouses(false));
    return () => {
      live = false;
    };
  }, [projectId, buildingId, unitId]);

  if (buildings.error)
    return <Alert type="error" showIcon title={describeError(buildings.error, '楼栋列表加载失败')} />;
  return (
    <Space wrap>
      <Select
        style={{ width: 140 }}
        placeholder="楼栋"
        loading={buildings.loading}
        value={buildingId}
        data-testid="finder-building"
        options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        onChange={(id: number) => {
          setBuildingId(id);
          setUnitId(null);
          setHouseId(null);
          onPick(null);
        }}
      />
      <Select
        style={{ width: 120 }}
        placeholder="单元"
        disabled={!buildingId}
        value={unitId}
        data-testid="finder-unit"
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        onChange={(id: number) => {
          setUnitId(id);
          setHouseId(null);
          onPick(null);
        }}
      />
      <Select
        style={{ width: 140 }}
        placeholder="房号"
        showSearch={{ optionFilterProp: 'label' }}
        disabled={!unitId}
        loading={loadingHouses}
        value={houseId}
        data-testid="finder-room"
        notFoundContent={loadingHouses ? '加载中…' : '该单元没有房屋'}
        options={houses.map((h) => ({ value: h.id, label: h.roomNo }))}
        onChange={(id: number) => {
          setHouseId(id);
          const house = houses.find((h) => h.id === id);
          onPick(house ? { id: house.id, label: house.label } : null);
        }}
      />
    </Space>
  );
}

function ByPhone({ projectId, onPick }: { projectId: number; onPick(house: FoundHouse | null): void }) {
  const [picked, setPicked] = useState<number | null>(null);
  const lookup = usePhoneLookup(
    // One house may have several verified residents: offer each house once.
    async (phone) => {
      const rows = await lookupHousesByPhone(projectId, phone);
      return rows.filter((b, i) => rows.findIndex((o) => o.houseId === b.houseId) === i);
    },
    (houses) => {
      const only = houses.length === 1 ? houses[0] : null;
      setPicked(only?.houseId ?? null);
      onPick(only ? { id: only.houseId, label: only.houseLabel } : null);
    },
  );
  const { found } = lookup;

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <PhoneSearchInput
        input={lookup.input}
        onSearch={lookup.search}
        width={320}
        placeholder="住户登记的手机号"
        enterButton="查找"
        testId="finder-phone"
      />
      {found && !found.length ? (
        <Alert type="info" showIcon title="该号码在本项目没有已认证的房屋，请按房号查找" />
      ) : null}
      {found && found.length > 1 ? (
        <Radio.Group
          value={picked}
          onChange={(e) => {
            const b = found.find((x) => x.houseId === e.target.value);
            setPicked(b?.houseId ?? null);
            onPick(b ? { id: b.houseId, label: b.houseLabel } : null);
          }}
        >
          <Space orientation="vertical" size={4}>
            {found.map((b) => (
              <Radio key={b.houseId} value={b.houseId}>
                {b.houseLabel}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ) : null}
    </Space>
  );
}
