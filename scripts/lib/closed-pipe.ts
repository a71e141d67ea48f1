// `jwtbench summary x | head -1`: the reader closes the pipe and the next write fails with
// EPIPE, which Node raises as an unhandled 'error' with a stack trace. The run's results still
// matter more than its printout, so such writes are dropped and the work goes on to the end.
export function ignoreClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
