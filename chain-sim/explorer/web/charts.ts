// Charts over chain time with uPlot (bundled at build time). The container carries data-points, the
// number of points drawn, so a test can tell an empty chart from a drawn one.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom';

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export function timeChart(id: string, title: string, times: number[], series: Series[], opts: { bars?: boolean } = {}): HTMLElement {
  const box = h('div', { class: 'chart', id, 'data-points': times.length }, h('div', { class: 'muted' }, title));
  if (!times.length) {
    box.append(h('p', { class: 'muted' }, 'Nothing yet.'));
    return box;
  }
  const width = Math.min(1100, Math.max(400, window.innerWidth - 120));
  const plot = new uPlot(
    {
      width,
      height: 220,
      // amounts and capacity start from zero, so a bar's height reads as its size
      scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [
        { stroke: '#8b98a5', grid: { stroke: '#2a3440' } },
        { stroke: '#8b98a5', grid: { stroke: '#2a3440' } },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: `${s.color}33`,
          ...(opts.bars
            ? { paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } }
            : { points: { show: times.length < 60 } }),
        })),
      ],
    },
    [times, ...series.map((s) => s.values)] as uPlot.AlignedData,
    box,
  );
  void plot;
  return box;
}
