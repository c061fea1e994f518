// The app cdktf synth runs: upstream's nomad_with_modules example as one stack.
import { App } from 'cdktf';
import { NomadWithModulesStack } from './stack';

const app = new App();
new NomadWithModulesStack(app, 'nomad_with_modules');
app.synth();
