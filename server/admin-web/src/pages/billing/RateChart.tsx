import type { ICollectionRateRow } from '@app/shared';
import { formatFen } from '@app/shared';
import { rateText } from './billing-logic';

const W = 760;
const H = 260;
const PAD = { left: 44, right: 12, top: 16, bottom: 36 };

/**
 * The last 12 months' collection rate as bars. Plain SVG: twelve bars need no chart library, and the page's
 * chunk stays small (it is lazy-loaded either way, never in the console's first load).
 */
export function RateChart({ rows }: { rows: readonly ICollectionRateRow[] }) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = rows.length > 0 ? plotW / rows.length : plotW;
  const barW = Math.min(36, slot * 0.6);
  const y = (bp: number) => PAD.top + plotH - (Math.min(bp, 10000) / 10000) * plotH;

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label="近 12 个月收缴率"
      data-testid="rate-chart"
      style={{ maxWidth: W }}
    >
      {[0, 2500, 5000, 7500, 10000].map((bp) => (
        <g key={bp}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(bp)} y2={y(bp)} stroke="#f0f0f0" />
          <text x={PAD.left - 6} y={y(bp) + 4} textAnchor="end" fontSize={11} fill="#8c8c8c">
            {bp / 100}%
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const cx = PAD.left + slot * i + slot / 2;
        const rate = row.rateBp;
        return (
          <g key={row.key}>
            <title>{`${row.key}：应收 ${formatFen(row.billedFen)}，实收 ${formatFen(row.receivedFen)}，收缴率 ${rateText(rate)}`}</title>
            {rate === null ? null : (
              <rect
                x={cx - barW / 2}
                y={y(rate)}
                width={barW}
                height={PAD.top + plotH - y(rate)}
                rx={3}
                fill={rate >= 9000 ? '#52c41a' : rate >= 7000 ? '#1668dc' : '#fa8c16'}
              />
            )}
            <text
              x={cx}
              y={rate === null ? PAD.top + plotH - 4 : y(rate) - 4}
              textAnchor="middle"
              fontSize={11}
              fill="#595959"
            >
              {rateText(rate)}
            </text>
            <text x={cx} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#595959">
              {row.key.slice(2)}
            </text>
          </g>
        );
      })}
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#bfbfbf" />
    </svg>
  );
}
