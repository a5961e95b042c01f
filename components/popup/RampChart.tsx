import type { ChartDay } from '@/lib/dashboard/view';
import type { Translate } from '@/lib/i18n/translate';

// Planned cap against sent, per day. Hand-drawn SVG: a chart library would weigh more in
// the popup's bundle than a dozen pairs of bars need.

const WIDTH = 300;
const HEIGHT = 80;
const AXIS = 12;

export function RampChart({ days, t }: { days: readonly ChartDay[]; t: Translate }) {
  if (days.length === 0) return null;
  const top = Math.max(1, ...days.map((d) => Math.max(d.planned, d.sent)));
  const slot = WIDTH / days.length;
  const bar = Math.max(2, Math.min(10, slot / 2 - 2));
  const y = (value: number) => HEIGHT - AXIS - ((HEIGHT - AXIS - 4) * value) / top;
  return (
    <figure className="chart" data-rampart="ramp-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('chart.title')}>
        {days.map((d, i) => {
          const x = i * slot + slot / 2;
          return (
            <g key={d.day}>
              <title>{t('chart.day', { n: d.dayNumber, date: d.day, planned: d.planned, sent: d.sent })}</title>
              <rect className="planned" x={x - bar - 1} y={y(d.planned)} width={bar} height={HEIGHT - AXIS - y(d.planned)} />
              <rect
                className={d.sent > d.planned ? 'sent over' : 'sent'}
                x={x + 1}
                y={y(d.sent)}
                width={bar}
                height={HEIGHT - AXIS - y(d.sent)}
              />
              <text x={x} y={HEIGHT - 2} textAnchor="middle">
                {d.dayNumber}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="key planned" /> {t('chart.planned')} <span className="key sent" /> {t('chart.sent')}
      </figcaption>
    </figure>
  );
}
