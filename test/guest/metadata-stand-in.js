// A local stand-in for the ECS instance metadata service (http://100.100.100.200), for the namespace test.
// Usage: node metadata-stand-in.js STATE.json PORT_FILE
// Serves /latest/meta-data/ from STATE.json, re-read on every request so a test can attach and detach ENIs:
//   { "requireToken": true, "mac": "<eth0 MAC>", "interfaces": { "<mac>": { "primary-ip-address": "...", ... } } }
// and PUT /latest/api/token (security hardening mode). Listens on 127.0.0.1 (inside the test's namespace) and
// writes its port to PORT_FILE.
"use strict";
const fs = require("fs");
const http = require("http");

const [stateFile, portFile] = process.argv.slice(2);
const TOKEN = "stand-in-token";
const PREFIX = "/latest/meta-data/";

function answer(state, item) {
  if (item === "mac") return state.mac;
  const macs = state.interfaces || {};
  if (item === "network/interfaces/macs/")
    return Object.keys(macs)
      .map((m) => `${m}/`)
      .join("\n");
  const m = /^network\/interfaces\/macs\/([^/]+)\/([a-z0-9-]+)$/.exec(item);
  if (!m || !macs[m[1]] || macs[m[1]][m[2]] === undefined) return undefined;
  const v = macs[m[1]][m[2]];
  return Array.isArray(v) ? JSON.stringify(v) : String(v);
}

const server = http.createServer((req, res) => {
  if (req.url === "/latest/api/token") {
    if (req.method !== "PUT" || !req.headers["x-aliyun-ecs-metadata-token-ttl-seconds"]) {
      res.writeHead(400);
      return res.end();
    }
    return res.end(TOKEN);
  }
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  if (state.requireToken && req.headers["x-aliyun-ecs-metadata-token"] !== TOKEN) {
    res.writeHead(403);
    return res.end();
  }
  const body = req.method === "GET" && req.url.startsWith(PREFIX) ? answer(state, req.url.slice(PREFIX.length)) : undefined;
  if (body === undefined) {
    res.writeHead(404);
    return res.end();
  }
  res.end(body);
});
server.listen(0, "127.0.0.1", () => fs.writeFileSync(portFile, String(server.address().port)));
