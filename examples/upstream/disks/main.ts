// The app cdktf synth runs: upstream's disks example as one stack.
import { App } from 'cdktf';
import { DisksStack } from './stack';

const app = new App();
new DisksStack(app, 'disks');
app.synth();
