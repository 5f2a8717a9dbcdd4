import type { Stacked } from '@/lib/insights/concerns';
import type { ChartOption } from './Chart';

/** ECharts options for the dashboard, from plain labelled numbers. */

const AXIS_LABEL = { color: '#646a73', fontSize: 11 };
const SPLIT = { lineStyle: { color: '#eef0f3' } };
const TOOLTIP = { backgroundColor: '#fff', borderColor: '#e5e6eb', textStyle: { color: '#1f2329', fontSize: 12 } };

export function barOption(
  labelsIn: string[],
  valuesIn: number[],
  opts: { horizontal?: boolean; color?: string; name: string },
): ChartOption {
  // A horizontal axis draws its first category at the bottom; reverse so the list reads top-down.
  const labels = opts.horizontal ? [...labelsIn].reverse() : labelsIn;
  const values = opts.horizontal ? [...valuesIn].reverse() : valuesIn;
  const category = {
    type: 'category' as const,
    data: labels,
    axisLabel: { ...AXIS_LABEL, interval: 0, width: opts.horizontal ? 110 : 80, overflow: 'truncate' as const },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#d0d3d9' } },
  };
  const value = { type: 'value' as const, axisLabel: AXIS_LABEL, splitLine: SPLIT, minInterval: 1 };
  return {
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? category : value,
    series: [
      {
        type: 'bar',
        name: opts.name,
        data: values,
        barMaxWidth: 28,
        itemStyle: { color: opts.color ?? '#1f6feb', borderRadius: opts.horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
        label: { show: true, position: opts.horizontal ? 'right' : 'top', color: '#646a73', fontSize: 11 },
      },
    ],
  };
}

export function donutOption(items: { name: string; value: number; color: string }[], name: string): ChartOption {
  const total = items.reduce((a, i) => a + i.value, 0) || 1;
  const byName = new Map(items.map((i) => [i.name, i.value]));
  return {
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: {
      bottom: 0,
      left: 'center',
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 12,
      textStyle: { fontSize: 12 },
      formatter: (n: string) => `${n}  ${byName.get(n) ?? 0}（${Math.round(((byName.get(n) ?? 0) / total) * 100)}%）`,
    },
    series: [
      {
        type: 'pie',
        name,
        radius: ['38%', '62%'],
        center: ['50%', '40%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: false },
        data: items.map((i) => ({ name: i.name, value: i.value, itemStyle: { color: i.color } })),
      },
    ],
  };
}

export function stackedOption(
  data: Stacked,
  nameOf: (concern: string) => string,
  opts: { horizontal?: boolean; axisFormat?: (label: string) => string },
): ChartOption {
  const labels = opts.axisFormat ? data.axis.map(opts.axisFormat) : data.axis;
  const category = {
    type: 'category' as const,
    data: labels,
    axisLabel: { ...AXIS_LABEL, width: 120, overflow: 'truncate' as const },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#d0d3d9' } },
  };
  const value = { type: 'value' as const, axisLabel: AXIS_LABEL, splitLine: SPLIT, minInterval: 1 };
  return {
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? category : value,
    series: data.series.map((s) => ({
      type: 'bar' as const,
      name: nameOf(s.concern),
      stack: 'all',
      data: s.values,
      barMaxWidth: 34,
      emphasis: { focus: 'series' as const },
    })),
  };
}

export function outcomeOption(
  rows: readonly { label: string; rate: number | null; controlRate: number | null }[],
  names: { contacted: string; natural: string },
): ChartOption {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const shown = [...rows].reverse();
  return {
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`),
    },
    legend: { top: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: { ...AXIS_LABEL, formatter: '{value}%' },
      splitLine: SPLIT,
      max: (v: { max: number }) => Math.min(100, Math.ceil((v.max + 5) / 10) * 10),
    },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.label),
      axisLabel: { ...AXIS_LABEL, width: 140, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: names.contacted,
        data: shown.map((r) => pct(r.rate)),
        itemStyle: { color: '#1f6feb', borderRadius: [0, 4, 4, 0] },
        barMaxWidth: 16,
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
      },
      {
        type: 'bar',
        name: names.natural,
        data: shown.map((r) => pct(r.controlRate)),
        itemStyle: { color: '#c9cdd4', borderRadius: [0, 4, 4, 0] },
        barMaxWidth: 16,
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11, color: '#8f959e' },
      },
    ],
  };
}
