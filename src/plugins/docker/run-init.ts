import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** The most of Init's output a failure message quotes: its end, where the reason usually is. */
const TAIL = 400;

/**
 * Runs the flavor's Init in the running container with /bin/sh, as InfraKit's docker plugin ran it
 * after start; resolves with null when it exits 0, else with why (its exit code and the end of its output).
 */
export async function runInit(container: Docker.Container, init: string, signal: AbortSignal): Promise<string | null> {
  const exec = await container.exec({ Cmd: ['/bin/sh', '-c', init], AttachStdout: true, AttachStderr: true, abortSignal: signal });
  const stream = await exec.start({ hijack: true, stdin: false, abortSignal: signal });
  let output = '';
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-TAIL * 2);
  });
  (container.modem as { demuxStream(stream: NodeJS.ReadableStream, out: PassThrough, err: PassThrough): void }).demuxStream(
    stream,
    sink,
    sink,
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
    signal.addEventListener('abort', () => {
      stream.destroy();
      reject(new Error('aborted'));
    });
  });
  const { ExitCode } = await exec.inspect({ abortSignal: signal });
  if (ExitCode === 0) return null;
  const said = output.trim().slice(-TAIL);
  return `Init exited with ${String(ExitCode)}${said === '' ? '' : `: ${said}`}`;
}
