import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import {
  houseLabel,
  type IBuildingSummary,
  type IDirectoryProject,
  type IHouseDirectoryEntry,
  type IUnitSummary,
} from '@app/shared';
import { getDirectoryBuildings, getDirectoryHouses, getDirectoryProjects } from '../../../../services/api/directory';
import { useOptions, type OptionsState } from './use-options';
import './index.scss';

export interface IHouseSelection {
  project?: IDirectoryProject;
  building?: IBuildingSummary;
  unit?: IUnitSummary;
  house?: IHouseDirectoryEntry;
}

type Level = 'project' | 'building' | 'unit' | 'house';

const LEVELS: { key: Level; label: string; empty: string }[] = [
  { key: 'project', label: '小区', empty: '暂无可选小区' },
  { key: 'building', label: '楼栋', empty: '该小区暂无楼栋' },
  { key: 'unit', label: '单元', empty: '该楼栋暂无单元' },
  { key: 'house', label: '房号', empty: '该单元暂无房屋' },
];

interface IOption {
  id: number;
  text: string;
}

interface IProps {
  value: IHouseSelection;
  onChange: (value: IHouseSelection) => void;
}

export function selectionLabel(value: IHouseSelection): string | null {
  const { project, building, unit, house } = value;
  if (!project || !building || !unit || !house) return null;
  return `${project.name} ${houseLabel(building.name, unit.name, house.roomNo)}`;
}

const loadProjects = () => getDirectoryProjects();

/** 小区 → 楼栋 → 单元 → 房号, one step open at a time; a row reopens its step. Plain views, so weapp and H5 match. */
export default function HousePicker({ value, onChange }: IProps) {
  const [open, setOpen] = useState<Level | null>('project');
  const projects = useOptions<IDirectoryProject>(0, loadProjects);
  const buildings = useOptions<IBuildingSummary>(value.project?.id ?? null, getDirectoryBuildings);
  const houses = useOptions<IHouseDirectoryEntry>(value.unit?.id ?? null, getDirectoryHouses);

  // Most offices run a single 小区: skip a step with only one answer — when the list arrives, not each time the
  // selection changes (a cleared selection is not filled in again), so the effect reads the selection through a ref.
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  useEffect(() => {
    const { value, onChange } = latest.current;
    if (projects.state.status === 'ready' && projects.state.items.length === 1 && !value.project) {
      onChange({ project: projects.state.items[0] });
      setOpen('building');
    }
  }, [projects.state]);

  const units: OptionsState<IUnitSummary> = value.building
    ? { status: 'ready', items: value.building.units }
    : { status: 'idle' };

  function choose(level: Level, id: number) {
    if (level === 'project') {
      const project = ready(projects.state).find((p) => p.id === id);
      if (project && project.id !== value.project?.id) onChange({ project });
      setOpen('building');
    } else if (level === 'building') {
      const building = ready(buildings.state).find((b) => b.id === id);
      if (building && building.id !== value.building?.id) onChange({ project: value.project, building });
      setOpen('unit');
    } else if (level === 'unit') {
      const unit = value.building?.units.find((u) => u.id === id);
      if (unit && unit.id !== value.unit?.id) onChange({ project: value.project, building: value.building, unit });
      setOpen('house');
    } else {
      const house = ready(houses.state).find((h) => h.id === id);
      if (house) onChange({ ...value, house });
      setOpen(null);
    }
  }

  const chosen: Record<Level, string | undefined> = {
    project: value.project?.name,
    building: value.building?.name,
    unit: value.unit?.name,
    house: value.house?.roomNo,
  };
  const reachable: Record<Level, boolean> = {
    project: true,
    building: Boolean(value.project),
    unit: Boolean(value.building),
    house: Boolean(value.unit),
  };
  const options: Record<Level, { state: OptionsState<IOption>; retry?: () => void }> = {
    project: { state: mapOptions(projects.state, (p) => p.name), retry: projects.retry },
    building: { state: mapOptions(buildings.state, (b) => b.name), retry: buildings.retry },
    unit: { state: mapOptions(units, (u) => u.name) },
    house: { state: mapOptions(houses.state, (h) => h.roomNo), retry: houses.retry },
  };
  const selectedId: Record<Level, number | undefined> = {
    project: value.project?.id,
    building: value.building?.id,
    unit: value.unit?.id,
    house: value.house?.id,
  };

  return (
    <View className="house-picker">
      {LEVELS.map(({ key, label, empty }) => (
        <View key={key} className="house-picker__step">
          <View
            className={`house-picker__row${open === key ? ' house-picker__row--open' : ''}${reachable[key] ? '' : ' house-picker__row--disabled'}`}
            onClick={() => reachable[key] && setOpen(open === key && chosen[key] ? null : key)}
          >
            <Text className="house-picker__label">{label}</Text>
            <Text className={chosen[key] ? 'house-picker__value' : 'house-picker__placeholder'}>
              {chosen[key] ?? '请选择'}
            </Text>
            <Text className="house-picker__arrow">{open === key ? '收起' : '›'}</Text>
          </View>
          {open === key && (
            <OptionGrid
              level={key}
              state={options[key].state}
              selectedId={selectedId[key]}
              empty={empty}
              onRetry={options[key].retry}
              onChoose={(id) => choose(key, id)}
            />
          )}
        </View>
      ))}
    </View>
  );
}

interface IGridProps {
  level: Level;
  state: OptionsState<IOption>;
  selectedId?: number;
  empty: string;
  onRetry?: () => void;
  onChoose: (id: number) => void;
}

function OptionGrid({ level, state, selectedId, empty, onRetry, onChoose }: IGridProps) {
  if (state.status === 'idle' || state.status === 'loading') {
    return (
      <View className="house-picker__options">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="house-picker__options house-picker__options--error">
        <Text className="danger">{state.message}</Text>
        {onRetry && (
          <Button className="house-picker__retry" size="mini" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (state.items.length === 0) {
    return (
      <View className="house-picker__options">
        <Text className="muted">{empty}</Text>
      </View>
    );
  }
  return (
    <View className={`house-picker__options house-picker__options--${level}`}>
      {state.items.map((item) => (
        <View
          key={item.id}
          className={`house-picker__chip${item.id === selectedId ? ' house-picker__chip--selected' : ''}`}
          onClick={() => onChoose(item.id)}
        >
          <Text>{item.text}</Text>
        </View>
      ))}
    </View>
  );
}

function ready<T>(state: OptionsState<T>): T[] {
  return state.status === 'ready' ? state.items : [];
}

function mapOptions<T extends { id: number }>(
  state: OptionsState<T>,
  text: (item: T) => string,
): OptionsState<IOption> {
  return state.status === 'ready'
    ? { status: 'ready', items: state.items.map((item) => ({ id: item.id, text: text(item) })) }
    : state;
}
