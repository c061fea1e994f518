// The app cdktf synth runs: upstream's cosmosvalidator example as one stack.
import { App } from 'cdktf';
import { CosmosvalidatorStack } from './stack';

const app = new App();
new CosmosvalidatorStack(app, 'cosmosvalidator');
app.synth();
