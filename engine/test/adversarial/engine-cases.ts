// Every case of the engine's part of the adversarial suite: the attacks on saved plans and on
// files holding secrets, then the corpus of malformed configurations and files.
import { engineAttacks } from './attacks';
import { configurationCases } from './config-cases';
import { fileCases } from './file-cases';
import type { AdversarialCase } from './verdict';

export function engineCases(): AdversarialCase[] {
  return [...engineAttacks(), ...configurationCases(), ...fileCases()];
}
