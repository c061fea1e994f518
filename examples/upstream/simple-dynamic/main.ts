// The app cdktf synth runs: upstream's simple-dynamic example as one stack.
import { App } from 'cdktf';
import { SimpleDynamicStack } from './stack';

const app = new App();
new SimpleDynamicStack(app, 'simple-dynamic');
app.synth();
