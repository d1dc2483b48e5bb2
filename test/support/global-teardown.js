/** After the last test file: stop what the run left running and remove its scratch folder (see run-cleanup.js). */
'use strict';
const { cleanUpRun } = require('./run-cleanup');

module.exports = async () => {
  const runDir = process.env.TOM_TEST_RUN_DIR;
  if (runDir) cleanUpRun(runDir);
};
