import { relationLabel, type IBinding } from '@app/shared';
import { Alert, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { lookupCaller } from '../../api/bindings';

const PHONE = /^1[3-9]\d{9}$/;

export interface CallerLookupProps {
  projectId: number;
  /** The house the caller chose among their verified ones, or null (not found: staff pick the house by hand). */
  onPick(binding: IBinding | null, phone: string): void;
}

/** 代客报修 starts from the number the resident calls from: their verified houses in this project, one click each. */
export function CallerLookup({ projectId, onPick }: CallerLookupProps) {
  const [phone, setPhone] = useState('');
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<IBinding[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(raw: string) {
    const value = raw.trim();
    setError(null);
    if (!PHONE.test(value)) {
      setError('请填写有效的 11 位手机号');
      return;
    }
    setSearching(true);
    try {
      const houses = await lookupCaller({ projectId, phone: value });
      setFound(houses);
      setPicked(houses.length === 1 ? houses[0].id : null);
      onPick(houses.length === 1 ? houses[0] : null, value);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSearching(false);
    }
  }

  function choose(id: number) {
    setPicked(id);
    onPick(found?.find((b) => b.id === id) ?? null, phone.trim());
  }

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }} data-testid="caller-lookup">
      <Input.Search
        style={{ maxWidth: 360 }}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        onSearch={search}
        loading={searching}
        maxLength={11}
        inputMode="tel"
        placeholder="输入来电号码"
        enterButton="查找住户"
        data-testid="caller-phone"
      />
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      {found && found.length === 0 ? (
        <Alert type="info" showIcon title="该号码没有本项目已认证的房屋，请在下方手动选择楼栋单元和房号" data-testid="caller-none" />
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
