// Loaded with `node --import` into n8n's and the simulator's process by `npm start`
// (hostGuard.mjs, hostGuardNodeArgs()): from the first connection on, every HTTP server
// of the process refuses a foreign Host.
import http from 'node:http';
import https from 'node:https';

import { guardServers } from './hostGuard.mjs';

guardServers([http.Server, https.Server]);
