// The app cdktf synth runs: upstream's gateway_fqdn example as one stack.
import { App } from 'cdktf';
import { GatewayFqdnStack } from './stack';

const app = new App();
new GatewayFqdnStack(app, 'gateway_fqdn');
app.synth();
