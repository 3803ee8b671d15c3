#!/usr/bin/env node
// The pgha command line: the bundled CLI (npm run build writes dist/cli.js).
require('../dist/cli.js');
