// The app cdktf synth runs: upstream's mattermost example as one stack.
import { App } from 'cdktf';
import { MattermostStack } from './stack';

const app = new App();
new MattermostStack(app, 'mattermost');
app.synth();
