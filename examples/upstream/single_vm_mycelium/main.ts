// The app cdktf synth runs: upstream's single_vm_mycelium example as one stack.
import { App } from 'cdktf';
import { SingleVmMyceliumStack } from './stack';

const app = new App();
new SingleVmMyceliumStack(app, 'single_vm_mycelium');
app.synth();
