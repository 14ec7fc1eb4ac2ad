// Shared benchmark plumbing: medians from tinybench, and one table of ratios against a
// baseline with the figure each comparison must reach.
import { Bench } from 'tinybench';

/**
 * Runs each contender `iterations` times after `warmup` runs and returns median milliseconds by
 * name. Contenders run in the order given, one at a time.
 */
export async function medians(contenders, { iterations = 10, warmup = 2 } = {}) {
  const bench = new Bench({
    iterations,
    time: 0,
    warmupIterations: warmup,
    warmupTime: 0,
  });
  for (const [name, run] of Object.entries(contenders)) {
    bench.add(name, run);
  }
  await bench.run();
  return Object.fromEntries(bench.tasks.map((task) => [task.name, task.result.latency.p50]));
}

/**
 * One row per comparison: `{ name, ours, baseline, target }` where `target` is
 * `{ kind: 'faster', factor }` (baseline / ours must reach factor) or
 * `{ kind: 'at-most', factor }` (ours / baseline must stay at or under factor).
 * Prints the table and returns whether every row met its target.
 */
export function printComparisons(title, rows) {
  console.log(`\n${title}`);
  const lines = [['case', 'ours ms', 'baseline ms', 'ratio', 'must reach', 'result']];
  let allMet = true;
  for (const { name, ours, baseline, target } of rows) {
    const { ratio, met, wanted } = judge(ours, baseline, target);
    allMet &&= met;
    lines.push([name, ours.toFixed(1), baseline.toFixed(1), ratio, wanted, met ? 'ok' : 'MISSED']);
  }
  printTable(lines);
  return allMet;
}

function judge(ours, baseline, { kind, factor }) {
  if (kind === 'faster') {
    const speedup = baseline / ours;
    return {
      ratio: `${speedup.toFixed(2)}x faster`,
      met: speedup >= factor,
      wanted: `>= ${factor}x faster`,
    };
  }
  const share = ours / baseline;
  return {
    ratio: `${share.toFixed(2)}x its time`,
    met: share <= factor,
    wanted: `<= ${factor}x its time`,
  };
}

function printTable(lines) {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  for (const line of lines) {
    console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  '));
  }
}
