// The app cdktf synth runs: one stack, VMs on two nodes joined by a private network you reach
// over wireguard.
import { App } from 'cdktf';
import { NetworkWireguardStack } from './stack';

const app = new App();
new NetworkWireguardStack(app, 'network-wireguard');
app.synth();
