// The app cdktf synth runs: upstream's deployment_resource example as one stack.
import { App } from 'cdktf';
import { DeploymentResourceStack } from './stack';

const app = new App();
new DeploymentResourceStack(app, 'deployment_resource');
app.synth();
