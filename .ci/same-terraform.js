#!/usr/bin/env node
// The two cores emit the same Terraform: every stack of DIR_A/stacks and DIR_B/stacks holds the same files, byte
// for byte, except the core's own version in cdk.tf.json's "//".metadata.version.
// usage: same-terraform.js CDKTF_OUT_A CDKTF_OUT_B
"use strict";
const fs = require("fs");
const path = require("path");

function files(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]))
    .sort();
}
function normalized(file) {
  const text = fs.readFileSync(file, "utf8");
  if (path.basename(file) !== "cdk.tf.json") return text;
  const json = JSON.parse(text);
  if (json["//"] && json["//"].metadata) delete json["//"].metadata.version;
  return JSON.stringify(json, null, 2);
}

const [a, b] = process.argv.slice(2).map((d) => path.join(d, "stacks"));
const fa = files(a);
const fb = files(b);
const problems = [];
if (fa.join() !== fb.join()) problems.push(`different files: ${fa.join(" ")} vs ${fb.join(" ")}`);
for (const f of fa.filter((x) => fb.includes(x))) if (normalized(path.join(a, f)) !== normalized(path.join(b, f))) problems.push(`differs: stacks/${f}`);
for (const p of problems) console.error(`same-terraform: ${p}`);
if (problems.length) process.exit(1);
console.log(`same-terraform: ok (${fa.length} files in ${new Set(fa.map((f) => f.split("/")[0])).size} stacks, equal apart from the core's version)`);
