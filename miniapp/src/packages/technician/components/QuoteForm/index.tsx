import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  formatFen,
  type IMaterialPriceList,
  type IPublicFeeSchedule,
  type ITicket,
  type ITicketQuoteRequest,
} from '@app/shared';
import QuoteLines from '../../../../components/QuoteLines';
import { errorMessage } from '../../../../services/api-error';
import { getMaterialPrices, getPublicFeeSchedule } from '../../../../services/api/catalog';
import { materialLabel, previewQuote, toQuoteRequest, type QuoteSelection } from '../../utils/job-actions';
import { searchMaterials, searchSchedule } from '../../utils/quote-search';
import QuoteRow from './QuoteRow';

interface IProps {
  ticket: Pick<ITicket, 'projectId' | 'category'>;
  title: string;
  busy: boolean;
  onSubmit: (request: ITicketQuoteRequest) => Promise<void>;
}

const STEP = 1000;

/**
 * A quote from the published schedule (labour) and the material price list (property-supplied materials), with
 * one search across both. The resident's signature covers every line of the preview, material prices included.
 */
export default function QuoteForm({ ticket, title, busy, onSubmit }: IProps) {
  const [schedule, setSchedule] = useState<IPublicFeeSchedule | null>(null);
  const [materialList, setMaterialList] = useState<IMaterialPriceList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<QuoteSelection>({});
  const [materials, setMaterials] = useState<QuoteSelection>({});

  useEffect(() => {
    let live = true;
    Promise.all([getPublicFeeSchedule(ticket.projectId), getMaterialPrices(ticket.projectId)])
      .then(([s, m]) => {
        if (!live) return;
        setSchedule(s);
        setMaterialList(m);
        setCategory(
          s.categories.some((c) => c.code === ticket.category) ? ticket.category : (s.categories[0]?.code ?? null),
        );
      })
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [ticket.projectId, ticket.category]);

  if (loadError)
    return (
      <View className="card">
        <Text className="field-error">{loadError}</Text>
      </View>
    );
  if (!schedule || !materialList)
    return (
      <View className="card">
        <Text className="muted">正在读取收费标准…</Text>
      </View>
    );

  const searching = query.trim().length > 0;
  const shownItems = searching
    ? searchSchedule(schedule, query)
    : (schedule.categories.find((c) => c.code === category)?.items ?? []);
  const shownMaterials = searchMaterials(materialList.materials, query);
  const quote = previewQuote(
    schedule.categories.flatMap((c) => c.items),
    items,
    materialList.materials,
    materials,
  );
  const step = (set: typeof setItems) => (code: string, delta: number) =>
    set((s) => ({ ...s, [code]: Math.max(0, (s[code] ?? 0) + delta * STEP) }));

  return (
    <View className="card">
      <Text className="card-title">{title}（按公示收费标准）</Text>
      <View className="job__search">
        <Input
          className="job__search-input"
          placeholder="搜索项目或材料，如：水龙头"
          value={query}
          onInput={(e) => setQuery(e.detail.value)}
        />
      </View>
      {!searching && (
        <View className="job__chips">
          {schedule.categories.map((c) => (
            <View
              key={c.code}
              className={`job__chip${category === c.code ? ' job__chip--on' : ''}`}
              onClick={() => setCategory(c.code)}
            >
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
      )}
      {searching && shownItems.length === 0 && <Text className="muted">收费标准中没有“{query.trim()}”</Text>}
      {shownItems.map((item) => (
        <QuoteRow
          key={item.code}
          name={item.name}
          price={`${formatFen(item.labourPriceFen)}/${item.unit}${item.materialsExtra ? ' · 材料另计' : ''}`}
          quantityMilli={items[item.code] ?? 0}
          onStep={(delta) => step(setItems)(item.code, delta)}
        />
      ))}

      <Text className="job__label">物业提供的材料（按材料价格表）</Text>
      {materialList.versionId === null && (
        <Text className="muted">本项目尚未发布材料价格表，材料请业主自备或另行报价。</Text>
      )}
      {materialList.versionId !== null && shownMaterials.length === 0 && (
        <Text className="muted">材料价格表中没有“{query.trim()}”</Text>
      )}
      {shownMaterials.map((m) => (
        <QuoteRow
          key={m.code}
          className="job__item--material"
          name={materialLabel(m)}
          price={`${formatFen(m.priceFen)}/${m.unit}`}
          quantityMilli={materials[m.code] ?? 0}
          onStep={(delta) => step(setMaterials)(m.code, delta)}
        />
      ))}

      {quote.lines.length > 0 && (
        <View className="job__preview">
          <QuoteLines lines={quote.lines} totalFen={quote.totalFen} />
          <Text className="muted job__hint">
            业主签字同意的是以上每一行的单价、数量和金额（材料单价按材料价格表）。
          </Text>
        </View>
      )}
      <Button
        className="job__submit"
        type="primary"
        loading={busy || undefined}
        disabled={busy || quote.lines.length === 0 || undefined}
        onClick={() => void onSubmit(toQuoteRequest(items, materials))}
      >
        发送报价（{formatFen(quote.totalFen)}）
      </Button>
    </View>
  );
}
