// The app cdktf synth runs: upstream's forwarder example as one stack.
import { App } from 'cdktf';
import { ForwarderStack } from './stack';

const app = new App();
new ForwarderStack(app, 'forwarder');
app.synth();
