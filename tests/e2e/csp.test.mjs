// The page's Content-Security-Policy is in force: serve.py sends it as a header and the page
// carries it as a <meta> (tools/stage_web.py writes both from one definition); the app loads,
// works and imports (in its worker) without a single violation; script injected into the page
// does not run; nothing is fetched or shown from an origin the policy leaves out (here another
// loopback address, 127.0.0.2, so a request that got through would show up at its server); no
// other site may frame the page; 'wasm-unsafe-eval' is there because the app cannot start
// without it; and Settings → Sync refuses, before sending anything, the http:// addresses that
// connect-src would block.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, addContact, chooseFiles, click, closeAll, launch, openApp, openImport, retype, startServer, typeInto, typeSecret,
         waitValue } from './harness.mjs';

let server;
let outsider;        // an http server on 127.0.0.2, an origin the policy does not allow
let outsiderUrl;
const outsiderHits = [];

before(async () => {
  server = await startServer();
  outsider = http.createServer((req, res) => {
    outsiderHits.push(req.url);
    if (req.url.startsWith('/frame')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><iframe id="ties" src="${server.url}?test"></iframe>`);
      return;
    }
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
    res.end('reached');
  });
  await new Promise((resolve) => outsider.listen(0, '127.0.0.2', resolve));
  outsiderUrl = `http://127.0.0.2:${outsider.address().port}/`;
});
after(async () => {
  await new Promise((resolve) => outsider.close(resolve));
  await server.stop();
});

// Collects the page's securitypolicyviolation events (in window.__violations) from the start.
async function watchViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.disposition})`);
    });
  });
}
const violations = (page) => page.evaluate(() => window.__violations.splice(0));

test('the header and the <meta> carry one policy, and the app works under it without a violation', async () => {
  const response = await fetch(server.url);
  const header = response.headers.get('content-security-policy');
  const context = await launch();
  try {
    await watchViolations(context);
    const page = await openApp(context, server.url);
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.equal(header, `${meta}; frame-ancestors 'none'`, 'the header is the <meta> plus frame-ancestors');
    for (const directive of ["default-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
                             "img-src 'self'", "worker-src 'self'",
                             "connect-src 'self' https: http://127.0.0.1:* http://localhost:*"]) {
      assert.ok(meta.split('; ').includes(directive), `${directive} in ${meta}`);
    }
    const scriptSrc = meta.split('; ').find((d) => d.startsWith('script-src '));
    assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*'){2}$/);
    assert.ok(!meta.includes('unsafe-inline') && !meta.includes("'unsafe-eval'"), meta);

    // Working: a contact typed in, a file imported through the import worker.
    await addContact(page, 'Ada Lovelace');
    await openImport(page);
    await chooseFiles(page, [path.join(ROOT, 'tests/fixtures/linkedin/Connections.csv')]);
    await waitValue(page, 'import.stage', 'preview', 30000);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '5');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(page.problems, []);
    // The service worker (registered under the same policy) took the page over.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  } finally {
    await closeAll(context);
  }
});

test('injected script does not run, and nothing is fetched or shown from another origin', async () => {
  const context = await launch();
  try {
    await watchViolations(context);
    const page = await openApp(context, server.url);
    const outcome = await page.evaluate(async (outside) => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.appendChild(script);
      const handler = document.createElement('div');
      handler.setAttribute('onclick', 'window.__handler = true;');
      document.body.appendChild(handler);
      handler.click();
      // From a timer: code that page.evaluate runs directly may eval (the browser's developer tools may).
      const evaluated = await new Promise((resolve) => setTimeout(() => {
        try { resolve(eval('1 + 1')); } catch (e) { resolve(e.name); }  // eslint-disable-line no-eval
      }, 0));
      const remoteScript = await new Promise((resolve) => {
        const s = document.createElement('script');
        s.src = outside + 'remote.js';
        s.onload = () => resolve('loaded');
        s.onerror = () => resolve('refused');
        document.head.appendChild(s);
      });
      const fetched = await fetch(outside + 'fetch').then((r) => r.text(), (e) => e.name);
      const image = (src) => new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
        img.src = src;
      });
      return {
        injected: window.__injected === true, handler: window.__handler === true, evaluated, remoteScript, fetched,
        remoteImage: await image(outside + 'image.png'),
        dataImage: await image('data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA='),
        // The policy keeps the page from reaching an http:// site that is not on this computer.
        invalid: await fetch('http://example.invalid/').then(() => 'fetched', (e) => e.name),
      };
    }, outsiderUrl);
    assert.deepEqual(outcome, {
      injected: false, handler: false, evaluated: 'EvalError', remoteScript: 'refused', fetched: 'TypeError',
      remoteImage: 'refused', dataImage: 'refused', invalid: 'TypeError',
    });
    assert.deepEqual(outsiderHits, [], 'no request reached the other origin');
    const seen = await violations(page);
    for (const expected of ['script-src-elem blocked inline', 'script-src-attr blocked inline', 'script-src blocked eval',
                            `script-src-elem blocked ${outsiderUrl}remote.js`, `connect-src blocked ${outsiderUrl}fetch`,
                            `img-src blocked ${outsiderUrl}image.png`, 'img-src blocked data', 'connect-src blocked http://example.invalid/']) {
      assert.ok(seen.some((v) => v.startsWith(expected)), `violation "${expected}" in ${JSON.stringify(seen)}`);
    }
    assert.ok(seen.every((v) => v.endsWith('(enforce)')), 'enforced, not only reported');
    // The browser's refusals are console errors: everything else in page.problems would be news.
    assert.ok(page.problems.every((p) => /Content Security Policy|net::ERR_BLOCKED/.test(p)), page.problems.join('\n'));
  } finally {
    await closeAll(context);
  }
});

test('another site cannot show the page in a frame', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const messages = [];
    page.on('console', (msg) => messages.push(msg.text()));
    await page.goto(`${outsiderUrl}frame`);
    const frame = await (await page.waitForSelector('#ties')).contentFrame();
    for (let i = 0; i < 100 && !messages.some((m) => m.includes('frame-ancestors')); ++i) await page.waitForTimeout(100);
    assert.ok(messages.some((m) => /Framing .* violates .*"frame-ancestors 'none'". The request has been blocked/.test(m)), messages.join('\n'));
    assert.equal(await frame.evaluate(() => typeof Module).catch(() => 'undefined'), 'undefined', 'the app did not start in the frame');
  } finally {
    await closeAll(context);
  }
});

test('without wasm-unsafe-eval the app cannot start: the policy needs it', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  try {
    const strip = (policy) => policy.replace(" 'wasm-unsafe-eval'", '');
    await context.route((url) => url.pathname === '/', async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      headers['content-security-policy'] = strip(headers['content-security-policy']);
      await route.fulfill({ response, headers, body: strip(await response.text()) });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}?test`);
    await page.waitForFunction(() => document.documentElement.dataset.tiesState === 'error', null, { timeout: 30000 });
    assert.match(await page.textContent('#error-detail'), /WebAssembly|wasm-unsafe-eval/);
  } finally {
    await closeAll(context);
  }
});

test('Settings → Sync refuses the http:// addresses the policy would block, before sending anything', async () => {
  const context = await launch({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Settings');
    await typeInto(page, 'settings.sync.url', 'http://localhost.example.org/dav/');
    await typeInto(page, 'settings.sync.user', 'ada');
    await typeSecret(page, 'settings.sync.password', 'app-password-1');
    await typeSecret(page, 'settings.sync.passphrase', 'correct horse battery staple');
    await typeSecret(page, 'settings.sync.passphrase_again', 'correct horse battery staple');
    for (const url of ['http://localhost.example.org/dav/', 'http://127.0.0.1.example.org/', 'http://127.0.0.1@example.org/',
                       'http://localhostx:8080/', 'http://[::1]:8080/', 'http://example.org/']) {
      await retype(page, 'settings.sync.url', url);
      await click(page, 'settings.sync.connect');
      await waitValue(page, 'settings.sync.form_error', /^The address must start with https:\/\//);
    }
    assert.equal((await page.evaluate(() => window.__ties.values['settings.sync.state'])), 'off', 'nothing was sent');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
