// The app cdktf synth runs: upstream's k8s-with-domain example as one stack.
import { App } from 'cdktf';
import { K8sWithDomainStack } from './stack';

const app = new App();
new K8sWithDomainStack(app, 'k8s-with-domain');
app.synth();
