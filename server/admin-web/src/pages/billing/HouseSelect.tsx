import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { listHouses } from '../../api/property';

/** A house picked by typing part of its label (3栋1单元1201); searches the project's houses on the server. */
export function HouseSelect({
  projectId,
  value,
  onChange,
  id,
}: {
  projectId: number;
  value?: number;
  onChange?: (houseId: number) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      listHouses(projectId, { q: q || undefined, page: 1, pageSize: 20 })
        .then(
          (page) => live && setOptions(page.items.map((h) => ({ value: h.id, label: h.label }))),
          () => live && setOptions([]),
        )
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, q]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      placeholder="输入楼栋或房号搜索"
      notFoundContent={loading ? '搜索中…' : '没有匹配的房屋'}
      data-testid="house-select"
    />
  );
}
