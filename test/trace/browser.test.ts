/**
 * The HTML trace page in a real browser: Debian's chromium, driven headless by
 * playwright-core (.ci/run installs it). The page renders the lanes, clicking a
 * step shows that step's state with its changes highlighted, it asks for nothing
 * over the network, and a model whose names are HTML markup shows the markup as
 * text without creating a single element from it. Leaves a screenshot at
 * /tmp/trace.png for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { htmlPage, escapeHtml, jsonForScript } from '../../src/trace/html.js';
import { fixture, scratch, traceOf } from './helpers.js';
import { MARKUP } from './fixtures/markup.js';

/** Debian's chromium; DDICHECK_CHROMIUM names another build. */
const CHROMIUM = process.env.DDICHECK_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
// Under CI the browser is part of the environment (.ci/run installs it): missing, these tests fail.
// On a developer's machine without it they are left out with a warning saying how to get it.
const inCI = process.env.CI === 'true';
const NEEDS = `${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does)`;
if (!haveChromium && !inCI) console.warn(`SKIPPED the HTML trace page tests in a browser: ${NEEDS}`);

if (inCI) {
  describe('the browser the page tests need', () => {
    it('is installed (CI=true requires it)', () => { expect(haveChromium, NEEDS).toBe(true); });
  });
}

describe('escaping', () => {
  it('escapeHtml escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<img src="x" onerror='alert(1)'> & co`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;alert(1)&#39;&gt; &amp; co');
  });
  it('jsonForScript cannot close its script element', () => {
    const s = jsonForScript({ a: '</script><script>alert(1)</script>', b: '<!--', c: '\u2028' });
    expect(s).not.toMatch(/[<>]/);
    expect(s).not.toContain('\u2028');
    expect(JSON.parse(s)).toEqual({ a: '</script><script>alert(1)</script>', b: '<!--', c: '\u2028' });
  });
  it('the page has no markup from the model outside escaped text and the JSON block', async () => {
    const { trace } = await traceOf(fixture('markup.ts'));
    const html = htmlPage(trace);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b id');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe.skipIf(!haveChromium && !inCI)('the HTML trace page in headless Chromium', () => {
  let browser: Browser;
  const dir = scratch();

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => { await browser?.close(); });

  /** Writes the page of a fixture's trace and opens it; records requests, dialogs and errors. */
  async function open(file: string, name: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
    const { trace } = await traceOf(file);
    const path = join(dir, `${name}.html`);
    writeFileSync(path, htmlPage(trace));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    return { page, requests, dialogs, errors };
  }

  // The callbacks run in the page; the project compiles without the DOM library, so they see elements structurally.
  interface Row { readonly dataset: Record<string, string | undefined>; readonly cells: ArrayLike<{ readonly textContent: string | null }> }
  const stateValue = (page: Page, path: string): Promise<string | null> =>
    page.$$eval('#state tr', (rows, p) => {
      const row = (rows as unknown as Row[]).find((r) => r.dataset.path === p);
      return row ? row.cells[1].textContent : null;
    }, path);
  const changed = (page: Page): Promise<string[]> =>
    page.$$eval('#state tr.hit', (rows) => (rows as unknown as Row[]).map((r) => r.dataset.path ?? ''));

  it('renders the lanes and the steps, and asks for nothing over the network', async () => {
    const { page, requests, errors } = await open(fixture('locked-ddi.ts'), 'locked');
    expect(await page.$$eval('#lanes th.lane', (ths) => ths.map((t) => t.firstChild?.textContent))).toEqual(['P0T0', 'P1T0']);
    expect(await page.$$eval('#lanes tr.step', (trs) => trs.length)).toBe(10);
    expect(await page.textContent('#lanes tr[data-step="1"]')).toContain('DxgkDdiCreateAllocation #1');
    expect(await page.textContent('#lanes tr[data-step="2"]')).toContain('+ g.lock');
    expect(await page.getAttribute('#lanes tr[data-step="9"]', 'class')).toContain('bad');
    expect(await page.textContent('#banner')).toContain('VIOLATED only-one at step 9: P1T0 sees 2 calls');
    // The violating step is selected at first.
    expect(await page.textContent('#detail h2')).toBe('Step 9 of 9');
    expect(await page.textContent('#detail .vbox')).toContain('only-one');
    expect(requests).toEqual([page.url()]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a step shows the state after it, with that step\'s changes highlighted', async () => {
    const { page, errors } = await open(fixture('locked-ddi.ts'), 'click');
    await page.click('#lanes tr[data-step="2"]');
    expect(await page.textContent('#detail h2')).toBe('Step 2 of 9');
    expect(await page.textContent('#detail dl')).toContain('DxgkDdiCreateAllocation/lock');
    expect(await stateValue(page, 'g.lock.owner')).toBe('0 (free)1 (held by P0T0)');
    expect(await stateValue(page, 'g.calls')).toBe('0');
    expect(await changed(page)).toEqual(expect.arrayContaining(['g.lock.owner', 'ctx.P0T0.pc', 'ctx.P0T0.irql']));

    await page.click('#lanes tr[data-step="8"]');
    expect(await page.textContent('#detail h2')).toBe('Step 8 of 9');
    expect(await stateValue(page, 'g.calls')).toBe('12');
    expect(await stateValue(page, 'g.lock.owner')).toBe('2 (held by P1T0)');
    expect(await changed(page)).toContain('g.calls');

    await page.click('#lanes tr[data-step="0"]');
    expect(await page.textContent('#detail h2')).toBe('Initial state');
    expect(await stateValue(page, 'g.calls')).toBe('0');
    expect(await changed(page)).toEqual([]);

    // The keyboard walks the steps too.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('#detail h2')).toBe('Step 3 of 9');
    expect(await stateValue(page, 'g.calls')).toBe('01');
    expect(errors).toEqual([]);

    await page.click('#lanes tr[data-step="7"]');
    await page.screenshot({ path: '/tmp/trace.png' });
    await page.close();
  });

  it('a model whose names are HTML markup: shown as text, nothing injected, nothing run', async () => {
    const { page, dialogs, errors, requests } = await open(fixture('markup.ts'), 'markup');
    await page.click('#lanes tr[data-step="3"]');
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.$$('#injected')).toHaveLength(0);
    // The page's own script is the only one that can run.
    expect(await page.$$('script:not([type="application/json"])')).toHaveLength(1);
    expect(await page.textContent('h1')).toBe(`markup ${MARKUP}`);
    expect(await page.title()).toBe(`markup ${MARKUP} · lost ${MARKUP} · ddicheck trace`);
    const text = await page.innerText('body');
    expect(text).toContain(`w${MARKUP}0`);
    expect(text).toContain(`read ${MARKUP}`);
    expect(text).toContain('write <script>alert(2)</script> & "quotes"');
    expect(text).toContain('</script><img src=y onerror=alert(3)> count is 1');
    expect(await stateValue(page, 'g.<b id="injected">bold</b>')).toBe('falsetrue');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([page.url()]);
    await page.close();
  });
});
