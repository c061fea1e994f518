// The app cdktf synth runs: upstream's singlenode example as one stack.
import { App } from 'cdktf';
import { SinglenodeStack } from './stack';

const app = new App();
new SinglenodeStack(app, 'singlenode');
app.synth();
