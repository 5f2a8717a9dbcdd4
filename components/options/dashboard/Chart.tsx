import { useEffect, useRef } from 'react';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerCharts, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws: bars and pies on a grid, with tooltips, legends and aria text.
registerCharts([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

/** The same font stack as the page, so Chinese labels render in the CJK font the page uses. */
export const CHART_FONT =
  'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
export const PALETTE = [
  '#1f6feb',
  '#12b886',
  '#f59f00',
  '#e8590c',
  '#7048e8',
  '#0ca678',
  '#d6336c',
  '#1098ad',
  '#868e96',
  '#5c7cfa',
];

/** One ECharts chart; `summary` is what tests and screen readers read without the drawing. */
export function Chart({
  option,
  height = 260,
  testId,
  summary,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
  summary?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, null, { renderer: 'svg' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        color: PALETTE,
        textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#1f2329' },
        aria: { enabled: true },
        animationDuration: 400,
        ...option,
      },
      true,
    );
  }, [option]);
  return (
    <div
      className="chart"
      ref={box}
      style={{ height }}
      data-testid={testId}
      data-summary={summary}
      role="img"
      aria-label={summary}
    />
  );
}
