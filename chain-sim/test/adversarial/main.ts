// Runs the chain's part of the adversarial suite and prints one JSON result per line, for the
// runner of npm run adversarial (provider/test/adversarial/main.ts), which starts this program.
import { judge } from '../../../proto/test/adversarial/verdict';
import { chainCases, startChainScene } from './chain-cases';

async function main(): Promise<void> {
  const scene = await startChainScene();
  try {
    for (const c of chainCases(() => scene)) process.stdout.write(`${JSON.stringify(await judge('chain-sim', c))}\n`);
  } finally {
    await scene.t.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`the chain's adversarial cases could not run: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
