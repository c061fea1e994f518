// The app cdktf synth runs: upstream's gpu example as one stack.
import { App } from 'cdktf';
import { GpuStack } from './stack';

const app = new App();
new GpuStack(app, 'gpu');
app.synth();
