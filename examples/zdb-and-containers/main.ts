// The app cdktf synth runs: one stack, an app in containers backed by 0-db namespaces.
import { App } from 'cdktf';
import { ZdbAndContainersStack } from './stack';

const app = new App();
new ZdbAndContainersStack(app, 'zdb-and-containers');
app.synth();
