// The app cdktf synth runs: one stack, a web VM behind a gateway name.
import { App } from 'cdktf';
import { GatewayStack } from './stack';

const app = new App();
new GatewayStack(app, 'gateway');
app.synth();
