#!/usr/bin/env node
// The composition root: the `gridform` command. It wires the engine's CLI with the grid provider
// and the commands that talk to the grid. Both are loaded only when used, so commands that do not
// need them (plan of terraform_data, state, output) start fast.
import { exitWhenWritten, quietOnClosedPipe, runCli } from '../../engine';
import { gridformOptions } from './options';

quietOnClosedPipe();
runCli(process.argv.slice(2), gridformOptions(process.env)).then(exitWhenWritten);
