/**
 * The HTML report in a real headless Chromium, opened from file:// as an
 * auditor would: the rendered summary counts match the audit, the findings
 * filter hides rows, and the `<script>` inside a finding's reason never runs.
 * The browser comes from policies/browser.ts (CHROMIUM_PATH, a system
 * Chromium, or the one the @sparticuz/chromium devDependency ships).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../../policies/report';
import { STATUSES } from '../../../policies/report/model';
import { AUDIT_RESULT, FINDINGS } from '../../fixtures/reports/audit-result';
import { launchBrowser } from '../../../policies/browser';

describe('compliance.html in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'html-report-'));
    const file = join(dir, 'compliance.html');
    writeFileSync(file, renderHtml(AUDIT_RESULT));
    ({ browser } = await launchBrowser());
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const visibleRows = () => page.locator('[data-testid="finding-row"]:visible').count();
  const filter = async (status: string, text: string) => {
    await page.getByTestId('filter-status').selectOption(status);
    await page.getByTestId('filter-text').fill(text);
  };

  it('shows the summary counts of the audit', async () => {
    for (const s of STATUSES) {
      await expect(page.getByTestId(`count-${s}`).textContent()).resolves.toBe(String(AUDIT_RESULT.summary.findings[s]));
      await expect(page.getByTestId(`controls-${s}`).textContent()).resolves.toBe(String(AUDIT_RESULT.summary.controlsByStatus[s]));
    }
    await expect(page.getByTestId('count-blocking').textContent()).resolves.toBe(String(AUDIT_RESULT.summary.blocking));
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Not compliant');
  });

  it('shows every finding until filtered', async () => {
    await expect(visibleRows()).resolves.toBe(FINDINGS.length);
  });

  it('filters by status', async () => {
    await filter('fail', '');
    const fails = FINDINGS.filter((f) => f.status === 'fail').length;
    await expect(visibleRows()).resolves.toBe(fails);
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe(String(fails));
    const statuses = await page.locator('[data-testid="finding-row"]:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['fail']));
  });

  it('filters by free text, case-insensitively, and combines both filters', async () => {
    await filter('', 'STAGING-platform');
    await expect(visibleRows()).resolves.toBe(FINDINGS.filter((f) => f.stack === 'staging-platform').length);
    await filter('pass', 'bucket');
    await expect(visibleRows()).resolves.toBe(FINDINGS.filter((f) => f.status === 'pass' && f.address.includes('bucket')).length);
    await filter('', 'no such text anywhere');
    await expect(visibleRows()).resolves.toBe(0);
    await filter('', '');
    await expect(visibleRows()).resolves.toBe(FINDINGS.length);
  });

  it('renders markup from findings as text and runs no injected script', async () => {
    await expect(page.getByText('<script>alert("x")</script>', { exact: false }).count()).resolves.toBe(1);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
