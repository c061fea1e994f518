// The app cdktf synth runs: upstream's peertube example as one stack.
import { App } from 'cdktf';
import { PeertubeStack } from './stack';

const app = new App();
new PeertubeStack(app, 'peertube');
app.synth();
