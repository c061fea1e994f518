// Where terraform's plugin protocol definitions are, for the plugin server: the .proto files
// (tfplugin6.proto, go-plugin.proto) and the same as protobufjs JSON, made by `npm run gen`, which
// loads without a .proto parser (faster start-up for every provider process terraform starts).
import * as path from 'node:path';

export const PLUGIN_PROTO_DIR = path.resolve(__dirname, '..', 'defs').replace(`${path.sep}dist${path.sep}`, path.sep);
export const PLUGIN_PROTOCOL_JSON = path
  .resolve(__dirname, '..', 'generated', 'plugin-protocol.json')
  .replace(`${path.sep}dist${path.sep}`, path.sep);
