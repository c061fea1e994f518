// The app cdktf synth runs: upstream's presearch example as one stack.
import { App } from 'cdktf';
import { PresearchStack } from './stack';

const app = new App();
new PresearchStack(app, 'presearch');
app.synth();
