#!/usr/bin/env node
import { runCli } from './run-cli.js';

// `tend plan | head` closes the pipe early. The reader has what it wanted: the rest of the output
// is dropped, without a stack trace, and the command still runs to its end and its exit code (an
// apply must never stop halfway because nobody reads its report).
const DROPPED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (!DROPPED.has(err.code ?? '')) throw err;
  });
}

process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), out: process.stdout, err: process.stderr, env: process.env });
