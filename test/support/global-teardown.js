/** After the last test file: remove the run's scratch folder (see global-setup.js). */
'use strict';
const { rmSync } = require('node:fs');

module.exports = async () => {
  const runDir = process.env.TOM_TEST_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
};
