// The app cdktf synth runs: one stack, the quickstart.
import { App } from 'cdktf';
import { QuickstartStack } from './stack';

const app = new App();
new QuickstartStack(app, 'quickstart');
app.synth();
