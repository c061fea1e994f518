// The app cdktf synth runs: upstream's mounts example as one stack.
import { App } from 'cdktf';
import { MountsStack } from './stack';

const app = new App();
new MountsStack(app, 'mounts');
app.synth();
