// page.js — qb-serve's page in a real browser (Debian's chromium through puppeteer-core):
// upload a file through the page's file button, wait for the report, and print what the
// DOM shows as JSON on stdout: the counts per section, the finding groups, the verdict,
// the download links, whether anything of the document ran as HTML, and the English
// switch. Usage: node page.js URL FILE SCREENSHOT.png [EDITION]
'use strict';
const puppeteer = require('puppeteer-core');

async function main() {
  const [url, file, shot, edition] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=zh-CN'],
  });
  const out = { console: [], violations: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 1400 });
    page.on('console', (m) => {
      out.console.push(m.text());
      if (/Content Security Policy/i.test(m.text())) out.violations.push(m.text());
    });
    page.on('pageerror', (e) => out.console.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.querySelectorAll('#edition option').length > 0);
    out.title = await page.title();
    out.editions = await page.$$eval('#edition option', (os) => os.map((o) => o.value));
    if (edition) await page.select('#edition', edition);
    const input = await page.$('#file');
    await input.uploadFile(file);
    await page.waitForSelector('#report:not([hidden])', { timeout: 60000 });
    out.verdict = await page.$eval('#verdict', (e) => ({ cls: e.className, text: e.textContent }));
    out.counts = await page.$$eval('#counts .count', (rows) => rows.map((r) => ({
      section: r.dataset.section, name: r.querySelector('.name').textContent,
      figure: r.querySelector('.figure').textContent, over: r.classList.contains('over'),
      width: r.querySelector('.fill').style.width })));
    out.groups = await page.$$eval('#findings .group', (gs) => gs.map((g) => ({
      rule: g.dataset.rule, heading: g.querySelector('h4').textContent,
      findings: [...g.querySelectorAll('.finding')].map((f) => f.textContent) })));
    out.downloads = await page.$$eval('#downloads a', (as) => as.map((a) => a.getAttribute('href')));
    // nothing of the document may have become markup
    out.injected = await page.evaluate(() => ({ img: document.querySelectorAll('#report img, #report b').length,
      pwned: window.pwned === 1 }));
    await page.screenshot({ path: shot, fullPage: true });
    await page.click('#lang');
    out.english = { heading: await page.$eval('h1', (e) => e.textContent),
      verdict: await page.$eval('#verdict', (e) => e.textContent),
      section: await page.$eval('#counts .count .name', (e) => e.textContent) };
    await page.screenshot({ path: shot.replace(/\.png$/, '-en.png'), fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e) => { process.stderr.write(`page.js: ${e.stack || e}\n`); process.exit(1); });
