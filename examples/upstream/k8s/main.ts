// The app cdktf synth runs: upstream's k8s example as one stack.
import { App } from 'cdktf';
import { K8sStack } from './stack';

const app = new App();
new K8sStack(app, 'k8s');
app.synth();
