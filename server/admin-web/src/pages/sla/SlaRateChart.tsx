import { URGENCY_LABELS, rateBpText, type ISlaReportCategoryRow } from '@app/shared';
import { categoryLabel } from '../tickets/categories';

const ROW_H = 30;
const LABEL_W = 200;
const BAR_W = 440;
const W = LABEL_W + BAR_W + 70;

/**
 * On-time rate per category × urgency as horizontal bars. Plain SVG like the collection-rate chart: a
 * handful of bars need no chart library, and the page's chunk stays small.
 */
export function SlaRateChart({ rows }: { rows: readonly ISlaReportCategoryRow[] }) {
  const h = rows.length * ROW_H + 24;
  const x = (bp: number) => LABEL_W + (Math.min(bp, 10000) / 10000) * BAR_W;
  return (
    <svg
      viewBox={`0 0 ${W} ${h}`}
      width="100%"
      role="img"
      aria-label="各类别按时率"
      data-testid="sla-rate-chart"
      style={{ maxWidth: W }}
    >
      {[0, 5000, 10000].map((bp) => (
        <g key={bp}>
          <line x1={x(bp)} x2={x(bp)} y1={0} y2={h - 20} stroke="#f0f0f0" />
          <text x={x(bp)} y={h - 6} textAnchor="middle" fontSize={11} fill="#8c8c8c">
            {bp / 100}%
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = i * ROW_H + 4;
        const rate = row.onTimeRateBp ?? 0;
        const label = `${categoryLabel(row.category)} · ${URGENCY_LABELS[row.urgency]}`;
        return (
          <g key={`${row.category}:${row.urgency}`}>
            <title>{`${label}：${row.tickets} 单，按时 ${row.onTime} 单，按时率 ${rateBpText(row.onTimeRateBp)}`}</title>
            <text x={LABEL_W - 8} y={y + 15} textAnchor="end" fontSize={12} fill="#595959">
              {label}
            </text>
            <rect
              x={LABEL_W}
              y={y + 2}
              width={Math.max(0, x(rate) - LABEL_W)}
              height={ROW_H - 12}
              rx={3}
              fill={rate >= 9000 ? '#52c41a' : rate >= 7000 ? '#1668dc' : '#fa8c16'}
            />
            <text x={x(rate) + 6} y={y + 15} fontSize={12} fill="#262626">
              {rateBpText(row.onTimeRateBp)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
