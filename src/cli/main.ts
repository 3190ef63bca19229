#!/usr/bin/env node
import { parseCli, runCli } from "./run";

process.exitCode = runCli(parseCli(process.argv.slice(2)), process.stdout, process.stderr);
