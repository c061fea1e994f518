// The app cdktf synth runs: upstream's k8s-using-modules example as one stack.
import { App } from 'cdktf';
import { K8sUsingModulesStack } from './stack';

const app = new App();
new K8sUsingModulesStack(app, 'k8s-using-modules');
app.synth();
