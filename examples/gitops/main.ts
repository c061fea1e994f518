// The app cdktf synth runs: one stack, the web tier a pipeline keeps in sync with main.
import { App } from 'cdktf';
import { GitopsStack } from './stack';

const app = new App();
new GitopsStack(app, 'web');
app.synth();
