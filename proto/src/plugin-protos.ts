// Where terraform's plugin protocol definitions are (tfplugin6.proto, go-plugin.proto), for the
// plugin server, which loads them by path when it starts.
import * as path from 'node:path';

export const PLUGIN_PROTO_DIR = path.resolve(__dirname, '..', 'defs').replace(`${path.sep}dist${path.sep}`, path.sep);
