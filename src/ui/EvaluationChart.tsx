/**
 * Every model's accuracy and weighted F1 over the folder as a horizontal bar chart (recharts), with
 * chance as a dashed line. The evaluation panel mounts it once the folder run stops (done or
 * canceled), so no clip plays meanwhile; it re-renders only when the report object changes, at low
 * priority, and never animates.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, Rectangle, ResponsiveContainer, XAxis, YAxis, type RectangleProps } from 'recharts';
import type { EvaluationReport } from '../shared/evaluate-folder';
import { chancePercent, modelBars, type ModelBar } from './evaluation-chart-data';
import type { ModelKind } from './model-kind';

/** Okabe–Ito colours per kind; the headline ensemble gets vermilion so it stands out. */
const KIND_COLOUR: Readonly<Record<ModelKind, string>> = { ensemble: '#0072B2', 'temporal model': '#56B4E9', 'speech model': '#E69F00', 'per-frame baseline': '#999999', rolling: '#999999' };
const HEADLINE_COLOUR = '#D55E00';
/** Weighted F1 is drawn in the same colour as accuracy, paler, just below it. */
const F1_OPACITY = 0.45;
const ROW_PX = 34;
const AXIS_PX = 56;
const LABEL_PX = 190;

const colourOf = (bar: ModelBar) => (bar.headline ? HEADLINE_COLOUR : KIND_COLOUR[bar.kind]);
const fmt = (v: number) => `${v.toFixed(1)}%`;
/** Bar-end text, rounded like the panel's accuracy. */
const label = (v: unknown) => `${Math.round(Number(v))}%`;

/** One bar, tagged with its model and value so tests and tools can read what is drawn. */
function taggedBar(metric: 'accuracy' | 'weightedF1') {
  return function TaggedBar(shapeProps: unknown) {
    // recharts hands the shape its rectangle plus the row it draws (`payload`).
    const props = shapeProps as RectangleProps & { payload: ModelBar };
    const bar = props.payload;
    return (
      <g className="eval-bar" data-model={bar.model} data-metric={metric} data-value={bar[metric]}>
        <Rectangle {...props} fill={colourOf(bar)} fillOpacity={metric === 'accuracy' ? 1 : F1_OPACITY} />
      </g>
    );
  };
}
const AccuracyBar = taggedBar('accuracy');
const F1Bar = taggedBar('weightedF1');

/** Model name with its kind, bold for the headline ensemble. */
function ModelTick({ x, y, payload, bars }: { x?: number; y?: number; payload?: { value: string }; bars: ModelBar[] }) {
  const bar = bars.find((b) => b.model === payload?.value);
  if (!bar) return null;
  return (
    <text x={x} y={y} textAnchor="end" dominantBaseline="middle" fontSize={12} fill="#1d232a">
      <tspan fontWeight={bar.headline ? 700 : 400}>{bar.model}</tspan>
      <tspan x={x} dy="1.15em" fill="#56606b" fontSize={11}>
        {bar.headline ? 'ensemble · our answer' : bar.kind}
      </tspan>
    </text>
  );
}

/** Which colour is which kind of model. */
function ChartKey() {
  const keys: [string, string][] = [
    ['our answer (ensemble.json)', HEADLINE_COLOUR],
    ['ensemble', KIND_COLOUR.ensemble],
    ['temporal model', KIND_COLOUR['temporal model']],
    ['speech model', KIND_COLOUR['speech model']],
    ['per-frame baseline', KIND_COLOUR['per-frame baseline']],
  ];
  return (
    <>
      {keys.map(([name, colour]) => (
        <span key={name} className="eval-chart-key">
          <span className="swatch" style={{ background: colour }} aria-hidden="true" />
          {name}
        </span>
      ))}
    </>
  );
}

const ChartBody = memo(function ChartBody({ report }: { report: EvaluationReport }) {
  const bars = useMemo(() => modelBars(report), [report]);
  const chance = useMemo(() => chancePercent(report), [report]);
  if (bars.length === 0) return null;
  const height = bars.length * ROW_PX + AXIS_PX;
  return (
    <figure
      className="eval-chart"
      data-testid="evaluation-chart"
      data-models={bars.map((b) => b.model).join(',')}
      data-chance={chance ?? ''}
      data-clips={report.clips}
    >
      <figcaption>
        Accuracy (solid) and weighted F1 (pale) per model over {report.clips} clip(s), best first: a model drawn
        above another beats it. <ChartKey /> Dashed line: chance
        {chance !== null ? ` (${fmt(chance)}, ${Math.round(100 / chance)} classes present)` : ''}.
      </figcaption>
      <ResponsiveContainer width="100%" height={height} minWidth={320}>
        <BarChart layout="vertical" data={bars} margin={{ top: 18, right: 40, bottom: 4, left: 0 }} barGap={1} barCategoryGap="18%">
          <CartesianGrid horizontal={false} stroke="#dde1e5" />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} unit="%" fontSize={12} />
          <YAxis type="category" dataKey="model" width={LABEL_PX} interval={0} tick={<ModelTick bars={bars} />} />
          <Bar dataKey="accuracy" name="accuracy" isAnimationActive={false} shape={AccuracyBar}>
            <LabelList dataKey="accuracy" position="right" formatter={label} fontSize={10} fill="#1d232a" />
          </Bar>
          <Bar dataKey="weightedF1" name="weighted F1" isAnimationActive={false} shape={F1Bar}>
            <LabelList dataKey="weightedF1" position="right" formatter={label} fontSize={10} fill="#56606b" />
          </Bar>
          {chance !== null && (
            <ReferenceLine x={chance} stroke="#1d232a" strokeDasharray="5 4" label={{ value: 'chance', position: 'top', fontSize: 11, fill: '#56606b' }} />
          )}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});

/** The chart of `report`, re-rendered at low priority only when the report object changes. */
export function EvaluationChart({ report }: { report: EvaluationReport | null }) {
  const deferred = useDeferredValue(report);
  return deferred ? <ChartBody report={deferred} /> : null;
}
