// The engine's CLI with the recording provider, as its own process, for crash tests:
//   node recording-cli.js WORLD_FILE DELAY_MS KILL_AFTER_CREATES -- gridform arguments...
// With KILL_AFTER_CREATES > 0 the process sends itself SIGKILL once that many objects exist,
// from a separate task of the event loop, so other creations are still in flight.
import { runCli } from '../../index';
import { RecordingProvider, recordingFactory } from './recording-provider';

const [world, delay, killAfter, sep, ...args] = process.argv.slice(2);
if (sep !== '--') throw new Error('usage: recording-cli WORLD DELAY_MS KILL_AFTER -- ARGS');
const provider = new RecordingProvider(world, Number(delay), (n) => {
  if (Number(killAfter) > 0 && n === Number(killAfter)) setImmediate(() => process.kill(process.pid, 'SIGKILL'));
});
runCli(args, { providers: [recordingFactory(provider)], version: 'test' }).then((code) => process.exit(code));
