/**
 * Before any test file: bring dist/ up to date once (scripts/ensure-dist.js),
 * so tests that run a CLI as a real process start the compiled JavaScript
 * (what users run) without paying ts-node's compilation on every spawn, and
 * without parallel workers transpiling the same stale file at once.
 */
'use strict';
module.exports = async () => {
  require('../../scripts/ensure-dist').ensureDist({ quiet: true });
};
