// The app cdktf synth runs: upstream's multinode example as one stack.
import { App } from 'cdktf';
import { MultinodeStack } from './stack';

const app = new App();
new MultinodeStack(app, 'multinode');
app.synth();
