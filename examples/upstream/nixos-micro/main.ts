// The app cdktf synth runs: upstream's nixos-micro example as one stack.
import { App } from 'cdktf';
import { NixosMicroStack } from './stack';

const app = new App();
new NixosMicroStack(app, 'nixos-micro');
app.synth();
