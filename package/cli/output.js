// Writing to stdout with backpressure: a write that fills the stream's buffer waits for
// 'drain', so a slow reader slows the fetching down instead of letting memory grow.
import { once } from 'node:events';

/** `write(text)` resolves once the stream can take more; it rejects if the stream failed. */
export function createOutput(stream, signal) {
  let failure = null;
  stream.on('error', (error) => {
    failure = error;
  });

  return {
    async write(text) {
      if (failure !== null) throw failure;
      if (stream.write(text)) return;
      await once(stream, 'drain', { signal });
    },
  };
}

/** A reader that went away (`| head`): the output is no longer wanted, which is no failure. */
export function isClosedPipe(error) {
  return error?.code === 'EPIPE';
}
