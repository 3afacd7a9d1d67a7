// On a phone (390 px, touch) Settings and a person's page fit the screen: wrapped text wraps at
// the window's edge, button rows wrap, the rhythm tables show both numbers whole with the rhythm in
// words under the name, and the tie strength puts each factor's why on a line of its own. Also:
// the contact form's circle field is labelled "Circle" (never "Tier").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, closeAll, launch, nextFrames, openApp, probe, screenshot, startServer, tap, waitValue, widget } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function fits(page, name) {
  const r = await widget(page, name);
  assert.ok(r.x >= 0 && r.x + r.w <= PHONE.width, `${name} fits the screen (${r.x.toFixed(1)}..${(r.x + r.w).toFixed(1)} of ${PHONE.width})`);
  return r;
}

// A tap on a field, then text as an on-screen keyboard sends it.
async function tapType(page, field, text) {
  await tap(page, field);
  await page.waitForFunction(() => window.__ties.textInput === true, null, { timeout: 5000 });
  await page.keyboard.insertText(text);
  await waitValue(page, field, text);
}

test('phone: Settings fits the screen; theme and export buttons and the tag row wrap, rhythms show both numbers', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await launch({ viewport: PHONE, touch: true, dpr: 2, colorScheme });
    try {
      const page = await openApp(context, server.url, { query: 'test&sample=20' });
      await tap(page, 'nav.Settings');
      await waitValue(page, 'section', 'Settings');
      await nextFrames(page, 4);
      await screenshot(page, `phone-settings-${colorScheme}`);
      for (const theme of ['System', 'Light', 'Dark']) await fits(page, `settings.theme.${theme}`);
      await fits(page, 'settings.your_name');
      await fits(page, 'settings.your_name.save');
      await fits(page, 'settings.backup_passphrase');
      await fits(page, 'settings.import');
      for (const format of ['vcf', 'vcf3', 'csv']) await fits(page, `settings.export.${format}`);
      // The export buttons wrapped: not all on one line.
      const vcf = await widget(page, 'settings.export.vcf');
      const csv = await widget(page, 'settings.export.csv');
      assert.ok(csv.y > vcf.y, `the CSV button is on a later line (${vcf.y} -> ${csv.y})`);

      // Every circle's two numbers whole, the words under the name, inside the screen.
      for (const tier of [1, 2, 3, 4, 5, 6, 0]) {  // in the page's order: each a short scroll from the last
        const ideal = await fits(page, `settings.cadence.${tier}.ideal`);
        const max = await fits(page, `settings.cadence.${tier}.max`);
        assert.ok(max.x >= ideal.x + ideal.w, `the two fields of circle ${tier} do not overlap`);
        await fits(page, `settings.cadence.${tier}.words`);
      }
      await screenshot(page, `phone-settings-rhythms-${colorScheme}`);

      // A tag rhythm: its add row wraps, and the rhythm's row keeps Remove on the screen.
      for (const field of ['settings.tag.new', 'settings.tag.new.ideal', 'settings.tag.new.max', 'settings.tag.add'])
        await fits(page, field);
      await tapType(page, 'settings.tag.new', 'investors');
      await tap(page, 'settings.tag.add');
      await waitValue(page, 'settings.tag.investors', '30/45');
      for (const part of ['ideal', 'max', 'words', 'remove']) await fits(page, `settings.tag.investors.${part}`);
      await fits(page, 'settings.budget.minutes');
      await screenshot(page, `phone-settings-tags-${colorScheme}`);
      await tap(page, 'settings.tag.investors.remove');
      await page.waitForFunction(() => window.__ties.values['settings.tag.investors'] === undefined, null, { timeout: 5000 });
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});

test('phone: a person\'s tie strength and give and take stay inside the screen', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await launch({ viewport: PHONE, touch: true, dpr: 2, colorScheme });
    try {
      const page = await openApp(context, server.url, { query: 'test&sample=20' });
      await tap(page, 'nav.Contacts');
      await page.waitForFunction(() => Number(window.__ties.values['contacts.count']) > 10);
      await nextFrames(page, 3);
      // Someone with a logged touch.
      const { values, widgets } = await probe(page);
      const name = Object.keys(widgets).filter((w) => w.startsWith('contacts.row.')).map((w) => w.slice(13))
        .find((n) => values[`contacts.last.${n}`] && values[`contacts.last.${n}`] !== 'never');
      assert.ok(name, 'someone on screen has been in touch');
      await tap(page, `contacts.row.${name}`);
      await waitValue(page, 'contact.name', name);
      await nextFrames(page, 3);
      const kinds = Object.keys((await probe(page)).values)
        .filter((k) => /^contact\.strength\.[^.]+$/.test(k)).map((k) => k.slice('contact.strength.'.length));
      assert.ok(kinds.length >= 3, `strength factors: ${kinds.join(', ')}`);
      await fits(page, 'contact.strength.score');
      for (const kind of kinds) await fits(page, `contact.strength.${kind}.why`);
      await fits(page, 'contact.give_take');
      await screenshot(page, `phone-contact-strength-${colorScheme}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});

test('the contact form labels the circle field "Circle", never "Tier"', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    const context = await launch({ viewport });
    try {
      const page = await openApp(context, server.url);
      await click(page, 'nav.Contacts');
      await click(page, 'contacts.new');
      const field = await widget(page, 'contact.tier');
      const label = await widget(page, 'label.Circle');
      const { widgets } = await probe(page);
      assert.equal(widgets['label.Tier'], undefined, 'no field is labelled Tier');
      // The words beside the field (laptop) or just above it (phone).
      const beside = Math.abs((label.y + label.h / 2) - (field.y + field.h / 2)) < 8 && label.x + label.w <= field.x;
      const above = label.y + label.h <= field.y + 1 && field.y - (label.y + label.h) < 16;
      assert.ok(beside || above, `"Circle" labels the circle field (${JSON.stringify(label)} vs ${JSON.stringify(field)})`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});
