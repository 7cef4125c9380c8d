// Preloaded into a measured child with `node --import`: on exit, writes the process's peak
// resident set size (KiB, from getrusage) to the file named by BENCH_RSS_FILE. An 'exit' handler
// runs for a natural end, process.exitCode and process.exit() alike, and must stay synchronous.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
