// The app cdktf synth runs: upstream's gateway_name example as one stack.
import { App } from 'cdktf';
import { GatewayNameStack } from './stack';

const app = new App();
new GatewayNameStack(app, 'gateway_name');
app.synth();
