/**
 * The HTML report in a real headless Chromium, opened from file:// as an
 * auditor would: the rendered summary counts match the audit, the findings
 * filter hides rows, the `<script>` inside a finding's reason never runs, and
 * a report with 20,000 failing findings pages them and filters them quickly.
 * The browser comes from policies/browser.ts (CHROMIUM_PATH, a system
 * Chromium, or the one the @sparticuz/chromium devDependency ships).
 */
// The callbacks given to page.evaluate run in the browser: they need the DOM's types.
/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../../policies/report';
import { STATUSES } from '../../../policies/report/model';
import type { AuditResult, Finding } from '../../../policies/types';
import { AUDIT_RESULT, CONTROLS, FINDINGS } from '../../fixtures/reports/audit-result';
import { launchBrowser } from '../../../policies/browser';

// One Chromium for the file (a launch costs more than a page); each describe opens its own context, a fresh profile.
let browser: Browser;
beforeAll(async () => {
  ({ browser } = await launchBrowser());
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A page in a context of its own, closed with it. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

describe('compliance.html in Chromium (--detail full: every finding in the table)', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'html-report-'));
    const file = join(dir, 'compliance.html');
    writeFileSync(file, renderHtml(AUDIT_RESULT, 'full'));
    ({ context, page } = await freshPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
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

/** 20,000 failing findings over the fixture's controls and 40 stacks, with long addresses. */
function manyFailures(count: number): AuditResult {
  const findings: Finding[] = Array.from({ length: count }, (_, i) => {
    const control = CONTROLS[i % CONTROLS.length];
    const stack = `platform-${String(i % 40).padStart(4, '0')}`;
    return {
      controlId: control.id,
      severity: control.severity,
      address: `module.applications.module.unit_${i}.digitalocean_spaces_bucket.customer_uploads_with_a_long_name_${i}`,
      stack,
      resourceType: 'digitalocean_spaces_bucket',
      source: `cdktf.out/stacks/${stack}/cdk.tf.json`,
      status: 'fail',
      reason: `bucket ${i} is public <b>not bold</b>`,
      path: 'acl',
    };
  });
  return { ...AUDIT_RESULT, findings, waiverProblems: [] };
}

describe('compliance.html in Chromium with 20,000 failing findings (default summary detail)', () => {
  const COUNT = 20_000;
  const result = manyFailures(COUNT);
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const rendered = () => page.locator('#findings tbody tr:visible').count();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'html-report-large-'));
    const file = join(dir, 'compliance.html');
    writeFileSync(file, renderHtml(result));
    ({ context, page } = await freshPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const start = Date.now();
    await page.goto(pathToFileURL(file).href);
    process.stdout.write(`20,000 failing findings: page loaded and first page rendered in ${Date.now() - start} ms\n`);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders one page of rows and counts every match', async () => {
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe(String(COUNT));
    await expect(rendered()).resolves.toBe(200);
    await expect(page.getByTestId('rendered-count').textContent()).resolves.toBe('200');
    await page.getByTestId('show-more').click();
    await expect(rendered()).resolves.toBe(400);
  });

  it('filters to failures of one control and shows the matching row count (filter time in the output)', async () => {
    const control = CONTROLS[1].id;
    const expected = result.findings.filter((f) => f.controlId === control && f.status === 'fail').length;
    await page.getByTestId('filter-status').selectOption('fail');
    const ms = await page.evaluate((id) => {
      const select = document.getElementById('filter-control') as HTMLSelectElement;
      const start = performance.now();
      select.value = id;
      select.dispatchEvent(new Event('change'));
      return performance.now() - start;
    }, control);
    process.stdout.write(`20,000 failing findings: filter to status fail + control ${control} took ${ms.toFixed(1)} ms in the page\n`);
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe(String(expected));
    await expect(rendered()).resolves.toBe(Math.min(200, expected));
    const controls = await page.locator('#findings tbody tr').evaluateAll((rows) => [...new Set(rows.map((r) => r.children[2].textContent))]);
    expect(controls).toEqual([control]);
  });

  it('narrows further by stack and by text, and filters by severity', async () => {
    await page.getByTestId('filter-stack').selectOption('platform-0001');
    const expected = result.findings.filter((f) => f.controlId === CONTROLS[1].id && f.stack === 'platform-0001').length;
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe(String(expected));
    await page.getByTestId('filter-text').fill('long_name_1');
    const withText = result.findings.filter((f) => f.controlId === CONTROLS[1].id && f.stack === 'platform-0001' && f.address.includes('long_name_1')).length;
    await expect(rendered()).resolves.toBe(Math.min(200, withText));
    await page.getByTestId('filter-status').selectOption('');
    await page.getByTestId('filter-stack').selectOption('');
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('filter-control').selectOption('');
    await page.getByTestId('filter-severity').selectOption('critical');
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe(String(result.findings.filter((f) => f.severity === 'critical').length));
  });

  it('keeps long addresses inside their column and runs nothing from the input', async () => {
    await page.getByTestId('filter-severity').selectOption('');
    const width = await page.locator('#findings tbody tr').first().evaluate((tr) => {
      const cell = tr.children[4] as HTMLElement;
      return { cell: cell.getBoundingClientRect().width, code: (cell.firstElementChild as HTMLElement).getBoundingClientRect().width };
    });
    expect(width.code).toBeLessThanOrEqual(width.cell);
    expect(width.cell).toBeGreaterThan(100); // not one character per line
    await expect(page.locator('#findings b').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
