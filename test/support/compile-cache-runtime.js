/**
 * jest's own runtime, with V8's code cache kept across the test files of a
 * worker.
 *
 * jest gives every test file a fresh module registry, so a worker compiles
 * cdktf, the provider bindings, aws-cdk-lib, zod, yaml and the kit's own
 * modules again for each of the ~40 files it runs. Compiling (parsing) those
 * sources was about a sixth of the suite's CPU time. jest-runtime compiles
 * every module with `vm.compileFunction`; wrapping that function here lets
 * the second and later compiles of the same file, with the same transformed
 * source, start from the code cache V8 produced the first time instead of
 * parsing from scratch. Modules are still evaluated afresh in each test
 * file: isolation between test files is unchanged, only the compile is shared.
 *
 * V8 checks a code cache against the source it is given and rejects one that
 * does not match; a rejected cache (or a changed source) falls back to a full
 * compile, so the worst case is today's cost.
 *
 * Configured as `runtime` in jest.config.js; jest loads it once per worker.
 */
'use strict';
const vm = require('node:vm');

const STATS = Symbol.for('tom-kit.compileCache');
const compile = vm.compileFunction;

if (!compile[STATS]) {
  /** filename -> the source compiled last and V8's cache for it. */
  const cache = new Map();
  const stats = { hits: 0, misses: 0, rejected: 0 };

  const compileWithCache = function compileFunction(code, params, options) {
    const filename = options?.filename;
    if (!filename || options.cachedData || options.produceCachedData) return compile.call(this, code, params, options);
    const entry = cache.get(filename);
    if (entry && entry.code === code) {
      const fn = compile.call(this, code, params, { ...options, cachedData: entry.data });
      if (!fn.cachedDataRejected) {
        stats.hits += 1;
        return fn;
      }
      stats.rejected += 1;
    }
    stats.misses += 1;
    const fn = compile.call(this, code, params, { ...options, produceCachedData: true });
    if (fn.cachedDataProduced && fn.cachedData) cache.set(filename, { code, data: fn.cachedData });
    return fn;
  };
  compileWithCache[STATS] = stats;
  vm.compileFunction = compileWithCache;
}

module.exports = require('jest-runtime');
