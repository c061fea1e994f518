// The engine's CLI with the recording provider, as its own process, for crash tests:
//   node recording-cli.js WORLD_FILE DELAY_MS SIGNAL_AFTER_CREATES -- gridform arguments...
// SIGNAL_AFTER_CREATES is N (SIGKILL) or INT:N (SIGINT, as Ctrl-C): once N objects exist the
// process sends itself that signal from a separate task of the event loop, so other creations
// are still in flight. IN:N is SIGKILL inside the Nth create, after the object exists and before
// its result is returned (the window where a crash leaves an object the state does not have).
// 0 sends nothing.
import { exitWhenWritten, quietOnClosedPipe, runCli } from '../../index';
import { RecordingProvider, recordingFactory } from './recording-provider';

const [world, delay, killAfter, sep, ...args] = process.argv.slice(2);
if (sep !== '--') throw new Error('usage: recording-cli WORLD DELAY_MS KILL_AFTER -- ARGS');
const [signal, after] = killAfter.startsWith('INT:')
  ? ['SIGINT', Number(killAfter.slice(4))]
  : ['SIGKILL', Number(killAfter.replace(/^IN:/, ''))];
const inside = killAfter.startsWith('IN:');
const provider = new RecordingProvider(world, Number(delay), (n) => {
  if (after > 0 && n === after && inside) process.kill(process.pid, 'SIGKILL');
  if (after > 0 && n === after) setImmediate(() => process.kill(process.pid, signal));
});
quietOnClosedPipe();
void runCli(args, { providers: [recordingFactory(provider)], version: 'test' }).then(exitWhenWritten);
