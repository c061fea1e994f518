// The app cdktf synth runs: one stack, a k3s cluster over two nodes.
import { App } from 'cdktf';
import { KubernetesStack } from './stack';

const app = new App();
new KubernetesStack(app, 'kubernetes');
app.synth();
