// What an address book holds comes in whole and goes out whole, through the real page: a vCard
// from an old iPhone (CR CR LF line ends, a photo, labelled phones and emails, two addresses,
// Gmail-style escaped quotes) is previewed with a few plain sentences instead of a wall of
// warnings, the person's page shows the labels and the addresses, an address typed on the page
// survives a reload, and the vCard export from Settings carries TYPE parameters and ADR lines.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, click, closeAll, focusField, launch, openApp, openContact, probe, screenshot, startServer, tap, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const IPHONE = path.join(ROOT, 'tests', 'fixtures', 'vcard', 'iphone-ios5.vcf');
const CAMILLE = 'Dr. Camille Anne Moreau';
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function importIphone(page) {
  await click(page, 'nav.Settings');
  await click(page, 'settings.import');
  await waitValue(page, 'import.stage', 'choose');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.pick')]);
  await chooser.setFiles([IPHONE]);
  await waitValue(page, 'import.stage', 'preview');
}

test('an iPhone vCard: a short preview, labels and addresses on the page, kept after a reload, exported back', async () => {
  const context = await launch({ viewport: TALL });
  try {
    let page = await openApp(context, server.url);
    await importIphone(page);
    const values = (await probe(page)).values;
    assert.match(values['import.summary'], /^2 entries: 2 new people\./);
    // Two sentences, not one line per line of photo data.
    assert.equal(values['import.warnings'], '2');
    assert.equal(values['import.warning.texts'],
      'iphone-ios5.vcf: Photos are not imported (1 card had one).\n' +
      'iphone-ios5.vcf: 1 field Ties does not keep: X-ABRELATEDNAMES.\n');
    await screenshot(page, 'faithful-import-preview');
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '2');
    await click(page, 'import.close');

    await openContact(page, CAMILLE);
    let shown = (await probe(page)).values;
    assert.equal(shown['contact.inline.phones'],
      '514-555-0142 (mobile), 514-555-0100 (work), 514-555-0199 (home fax), 514-555-0111 (pager), 514-555-0123 (AssistantPhone)');
    assert.equal(shown['contact.inline.emails'], 'camille@lumiere.example, cam.moreau@mail.example (home)');
    assert.equal(shown['contact.inline.addresses'],
      'home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada\n' +
      'work: Bureau 301, 2900 boul. Édouard-Montpetit, Pavillon B, H3T 1J4 Montréal, QC, Canada');
    assert.equal(shown['contact.inline.notes'], 'Met at "Photonics North", Québec. Likes "good" coffee.');
    await screenshot(page, 'faithful-contact');

    // A third address typed on the page, on a new line (Ctrl+Enter), saved with Enter.
    await focusField(page, 'contact.inline.addresses');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('other: 3 Pier Rd, 12345 Springfield, USA');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__ties.textInput !== true);  // the edit is over
    await waitValue(page, 'contact.inline.addresses', /\nother: 3 Pier Rd, 12345 Springfield, USA$/);
    await waitValue(page, 'save.status', 'Saved');

    // After a reload the addresses are still there: the edit was saved, the first two unchanged.
    page = await openApp(context, server.url);
    await openContact(page, CAMILLE);
    shown = (await probe(page)).values;
    assert.equal(shown['contact.inline.addresses'],
      'home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada\n' +
      'work: Bureau 301, 2900 boul. Édouard-Montpetit, Pavillon B, H3T 1J4 Montréal, QC, Canada\n' +
      'other: 3 Pier Rd, 12345 Springfield, USA');

    // The vCard export carries the labels and every address.
    await click(page, 'nav.Settings');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'settings.export.vcf')]);
    const vcard = (await readFile(await download.path(), 'utf8')).replace(/\r\n[ \t]/g, '');  // unfolded
    assert.match(vcard, /\r\nTEL;VALUE=text;TYPE=cell:514-555-0142\r\n/);
    assert.match(vcard, /\r\nTEL;VALUE=text;TYPE=home,fax:514-555-0199\r\n/);
    assert.match(vcard, /\r\nitem\d+\.TEL;VALUE=text:514-555-0123\r\nitem\d+\.X-ABLabel:AssistantPhone\r\n/);
    assert.match(vcard, /\r\nEMAIL;TYPE=home:cam\.moreau@mail\.example\r\n/);
    assert.match(vcard, /\r\nADR;TYPE=home:;;12 rue des Lilas;Montréal;QC;H2X 1Y4;Canada\r\n/);
    assert.match(vcard, /\r\nADR;TYPE=work:;Bureau 301;2900 boul\. Édouard-Montpetit\\nPavillon B;Montréal;QC;H3T 1J4;Canada\r\n/);
    assert.match(vcard, /\r\nitem\d+\.ADR:;;3 Pier Rd;Springfield;;12345;USA\r\nitem\d+\.X-ABLabel:other\r\n/);
    assert.match(vcard, /\r\nNOTE:Met at "Photonics North"\\, Québec\. Likes "good" coffee\.\r\n/);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

for (const [name, options] of [
  ['phone-light', { viewport: { width: 390, height: 844 }, touch: true }],
  ['phone-dark', { viewport: { width: 390, height: 844 }, touch: true, colorScheme: 'dark' }],
  ['laptop-dark', { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }],
]) {
  test(`the person's labels and addresses fit the screen (${name})`, async () => {
    const context = await launch(options);
    try {
      const page = await openApp(context, server.url);
      await importIphone(page);
      await screenshot(page, `faithful-import-${name}`);
      await click(page, 'import.confirm');
      await waitValue(page, 'store.contacts', '2');
      await click(page, 'import.close');
      if (options.touch) {
        await tap(page, 'nav.Contacts');
        await tap(page, `contacts.row.${CAMILLE}`);
        await waitValue(page, 'contact.name', CAMILLE);
      } else {
        await openContact(page, CAMILLE);
      }
      const addresses = (await probe(page)).widgets['contact.inline.addresses'];
      assert.ok(addresses, 'the addresses are on the page');
      await page.mouse.wheel(0, 300);
      await screenshot(page, `faithful-contact-${name}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  });
}
