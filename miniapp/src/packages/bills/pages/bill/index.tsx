import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen, type IBillDetail, type IBillLine } from '@app/shared';
import PayStateTag from '../../../../components/PayStateTag';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMyBill } from '../../../../services/api/bills';
import { getAppMeta } from '../../../../services/api/meta';
import { billUrl, ticketUrl, vacancyUrl } from '../../../../routes';
import { dueFen, formatDay, formatPeriod } from '../../../../utils/bills';
import { arrearsRows, choosableLines, groupLines, lineBasis, linesTotalFen } from '../../utils/bill-lines';
import BillPay from '../../components/BillPay';
import './index.scss';

interface ILineChoice {
  /** Undefined: the line cannot be picked (or the resident pays the whole bill). */
  on?: boolean;
  toggle?: () => void;
}

function Line({ line, choice }: { line: IBillLine; choice: ILineChoice }) {
  const negative = line.amountFen < 0;
  // A paid-service line opens its request, where the quote the resident signed is shown.
  const openTicket =
    line.kind === 'charge' && line.ticketId
      ? () => Taro.navigateTo({ url: ticketUrl(line.ticketId as number) })
      : undefined;
  const choosing = choice.toggle !== undefined;
  return (
    <View
      className={`bill__line${openTicket && !choosing ? ' bill__line--link' : ''}${choosing ? ' bill__line--choice' : ''}`}
      onClick={choice.toggle ?? openTicket}
    >
      {choosing && <Text className={`bill__check${choice.on ? ' bill__check--on' : ''}`}>{choice.on ? '✓' : ''}</Text>}
      <View className="bill__line-text">
        <Text className="bill__line-name">{line.name}</Text>
        {lineBasis(line) && <Text className="muted">{lineBasis(line)}</Text>}
        {line.ticketSerial && <Text className="muted">工单 {line.ticketSerial}</Text>}
        {openTicket && (
          <Text
            className="bill__line-open"
            onClick={
              choosing
                ? (e) => {
                    // While choosing lines the row toggles; the link still opens the request.
                    e?.stopPropagation?.();
                    void openTicket();
                  }
                : undefined
            }
          >
            查看报价与签字 ›
          </Text>
        )}
      </View>
      <View className="bill__line-right">
        <Text
          className={`bill__line-amount${negative ? ' bill__line-amount--negative' : ''}${line.waived ? ' bill__line-amount--waived' : ''}`}
        >
          {formatFen(line.amountFen)}
        </Text>
        {line.waived && <Text className="bill__waived">已减免</Text>}
      </View>
    </View>
  );
}

function Summary({ bill }: { bill: IBillDetail }) {
  return (
    <View className="card bill__summary">
      <View className="bill__head">
        <Text className="bill__period">{formatPeriod(bill.period)}账单</Text>
        <PayStateTag payState={bill.payState} />
      </View>
      <Text className="muted">{bill.houseLabel}</Text>
      <Text className="bill__total-label muted">本期合计</Text>
      <Text className="bill__total">{formatFen(bill.totalFen)}</Text>
      {bill.paidFen > 0 && (
        <Text className="bill__paid">
          已缴 {formatFen(bill.paidFen)}
          {dueFen(bill) > 0 ? ` · 尚需缴纳 ${formatFen(dueFen(bill))}` : ''}
        </Text>
      )}
      <View className="bill__dates">
        {bill.dueDate && <Text className="muted">缴费截止 {formatDay(bill.dueDate)}</Text>}
        {bill.publishedAt && <Text className="muted">发布于 {formatDay(bill.publishedAt)}</Text>}
      </View>
    </View>
  );
}

export default function Bill() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useRemoteData(async () => {
    const [bill, meta] = await Promise.all([getMyBill(id), getAppMeta().catch(() => null)]);
    return { bill, phone: meta?.servicePhone ?? null };
  });
  /** null: pay the whole bill; a set: the lines ticked for 选择项目缴费. */
  const [chosen, setChosen] = useState<ReadonlySet<number> | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <StatusView error="账单链接无效" />;
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { bill, phone } = state.data;
  const groups = groupLines(bill.lines);
  const arrears = arrearsRows(bill);
  // The server's total is what is owed; if its lines ever disagreed, the resident is told rather than shown a silent mismatch.
  const consistent = linesTotalFen(bill.lines) === bill.totalFen;
  const payable = bill.status === 'published' && dueFen(bill) > 0;
  const choosable = new Set(choosableLines(bill).map((l) => l.id));
  const choiceOf = (line: IBillLine): ILineChoice => {
    if (!payable || !chosen || !choosable.has(line.id)) return {};
    const on = chosen.has(line.id);
    return {
      on,
      toggle: () => {
        const next = new Set(chosen);
        if (on) next.delete(line.id);
        else next.add(line.id);
        setChosen(next);
      },
    };
  };

  return (
    <View className="bill">
      <Summary bill={bill} />

      <View className="card">
        <Text className="card-title">费用明细</Text>
        {groups.length === 0 && <Text className="muted">本期没有费用项目</Text>}
        {groups.map((group) => (
          <View key={group.key} className="bill__group">
            <View className="bill__group-head">
              <Text className="bill__group-title">{group.title}</Text>
              <Text className={`bill__group-sum${group.subtotalFen < 0 ? ' bill__line-amount--negative' : ''}`}>
                {formatFen(group.subtotalFen)}
              </Text>
            </View>
            {group.lines.map((line) => (
              <Line key={line.id} line={line} choice={choiceOf(line)} />
            ))}
          </View>
        ))}
        <View className="bill__sum">
          <Text>本期合计</Text>
          <Text className="bill__sum-amount">{formatFen(bill.totalFen)}</Text>
        </View>
        {!consistent && <Text className="field-error">明细合计与账单金额不一致，请联系物业服务中心核对。</Text>}
      </View>

      {arrears.length > 0 && (
        <View className="card bill__arrears">
          <Text className="card-title">往期欠费</Text>
          <Text className="muted">以下月份的账单尚未缴清，单独列出，未计入本期合计。</Text>
          {arrears.map((row) => (
            <View
              key={row.billId}
              className="list-item bill__arrears-row"
              onClick={() => Taro.navigateTo({ url: billUrl(row.billId) })}
            >
              <Text>{formatPeriod(row.period)}</Text>
              <Text className="bill__arrears-amount">{formatFen(row.owedFen)} ›</Text>
            </View>
          ))}
          <View className="bill__sum">
            <Text>往期欠费合计</Text>
            <Text className="bill__arrears-amount">{formatFen(bill.arrearsFen)}</Text>
          </View>
        </View>
      )}

      {payable && <BillPay bill={bill} phone={phone} chosen={chosen} onChoose={setChosen} />}

      <View className="card bill__vacancy" onClick={() => Taro.navigateTo({ url: vacancyUrl(bill.houseId) })}>
        <Text>房屋空置？申请空置房优惠</Text>
        <Text className="bill__arrow">›</Text>
      </View>
    </View>
  );
}
