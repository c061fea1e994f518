// The app cdktf synth runs: one stack, upstream's qsfs example.
import { App } from 'cdktf';
import { QsfsStack } from './stack';

const app = new App();
new QsfsStack(app, 'qsfs');
app.synth();
