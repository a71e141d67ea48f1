#!/usr/bin/env node
// The jwtbench bin: runs main() on the process's arguments and streams, and turns Ctrl-C into a
// clean stop (workers destroyed, no partial results file).
import { main } from './main.js';
import { ignoreClosedStdout } from './lib/closed-pipe.js';

ignoreClosedStdout();

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130); // a second Ctrl-C means now
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal, cwd: process.cwd() });
process.exitCode = code;
