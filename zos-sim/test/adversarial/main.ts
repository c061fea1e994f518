// Runs the node's part of the adversarial suite and prints one JSON result per line, for the
// runner of npm run adversarial (provider/test/adversarial/main.ts), which starts this program.
import { judge } from '../../../proto/test/adversarial/verdict';
import { nodeCases, startNodeScene } from './node-cases';

async function main(): Promise<void> {
  const scene = await startNodeScene();
  try {
    for (const c of nodeCases(() => scene)) process.stdout.write(`${JSON.stringify(await judge('zos-sim', c))}\n`);
  } finally {
    await scene.h.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`the node's adversarial cases could not run: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
