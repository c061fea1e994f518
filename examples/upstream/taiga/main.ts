// The app cdktf synth runs: upstream's taiga example as one stack.
import { App } from 'cdktf';
import { TaigaStack } from './stack';

const app = new App();
new TaigaStack(app, 'taiga');
app.synth();
