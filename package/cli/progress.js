// A progress bar for --all on stderr, drawn by cli-progress. Without a terminal it does
// nothing, so logs and pipes get no control characters.
import cliProgress from 'cli-progress';

const SILENT = { update() {}, stop() {} };

/** `update(loaded, total, pages)` after each page; `stop()` clears the bar. */
export function createProgress(enabled, stream) {
  if (!enabled) return SILENT;

  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {value}/{total} records, page {pages} | {duration}s',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;

  return {
    update(loaded, total, pages) {
      if (!started) {
        bar.start(total, loaded, { pages });
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(loaded, { pages });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
