// The app cdktf synth runs: upstream's expose-vm example as one stack.
import { App } from 'cdktf';
import { ExposeVmStack } from './stack';

const app = new App();
new ExposeVmStack(app, 'expose-vm');
app.synth();
