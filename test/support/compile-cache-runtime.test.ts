/**
 * The runtime jest.config.js names: jest compiles modules through it, a
 * second compile of the same file and source reuses V8's code cache, and a
 * changed source is compiled afresh (never run from a stale cache).
 */
import * as vm from 'node:vm';

interface Stats {
  hits: number;
  misses: number;
  rejected: number;
}
const stats = (): Stats => ({ ...(vm.compileFunction as unknown as Record<symbol, Stats>)[Symbol.for('tom-kit.compileCache')] });

describe('the compile-cache runtime', () => {
  it('is the runtime this test runs in, and jest has compiled modules through it', () => {
    expect(stats().misses).toBeGreaterThan(0);
  });

  it('reuses the code cache for the same file and source, and compiles a changed source afresh', () => {
    const filename = `/virtual/compile-cache-${process.pid}-${Date.now()}.js`;
    const source = (n: number) => `const items = []; for (let i = 0; i < ${n}; i += 1) items.push(i * 2); return items.length + a;`;
    const before = stats();

    const first = vm.compileFunction(source(3), ['a'], { filename });
    const second = vm.compileFunction(source(3), ['a'], { filename });
    const changed = vm.compileFunction(source(5), ['a'], { filename });
    const after = stats();

    expect([first(1), second(1), changed(1)]).toEqual([4, 4, 6]);
    expect(after.misses - before.misses).toBe(2);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(1);
    expect(after.rejected).toBe(before.rejected);
  });

  it('leaves a caller that manages its own cache data alone', () => {
    const before = stats();
    const fn = vm.compileFunction('return 7;', [], { filename: '/virtual/own-cache.js', produceCachedData: true }) as ReturnType<typeof vm.compileFunction> & { cachedData?: Buffer };
    expect(fn()).toBe(7);
    expect(fn.cachedData).toBeInstanceOf(Buffer);
    expect(stats()).toEqual(before);
  });
});
