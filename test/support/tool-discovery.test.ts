/** A wrong setting for an external tool is an error naming the setting, never a silent fallback. */
import { findBrowser } from '../../policies/browser';
import { findPostgres } from './postgres-install';

describe('finding the external tools the tests use', () => {
  it('refuses a CHROMIUM_PATH that is not an executable', () => {
    expect(() => findBrowser({ ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(/^CHROMIUM_PATH="\/nonexistent\/chromium" is not an executable file/);
  });

  it('refuses a PG_BIN_DIR without PostgreSQL in it', () => {
    expect(() => findPostgres({ ...process.env, PG_BIN_DIR: '/nonexistent' })).toThrow(/^PG_BIN_DIR="\/nonexistent" holds none of initdb, pg_ctl, postgres, pg_dump, pg_restore/);
  });

  it('refuses a TOM_TEST_PG it does not know', () => {
    expect(() => findPostgres({ ...process.env, TOM_TEST_PG: 'docker' })).toThrow(/^TOM_TEST_PG="docker" is not understood/);
  });
});
