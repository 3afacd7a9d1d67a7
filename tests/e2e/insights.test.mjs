// Insights through the real page: people and interactions entered through the forms show up in
// the charts with the right numbers (read from the tooltip after moving the real mouse over a
// bar), the range picker changes the buckets, the give-and-take nudge opens the person, and the
// page reads well in light and dark, on a desktop and on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, nextFrames, openApp, probe, resize, retype, screenshot, startServer, typeInto, waitValue, widget } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const WHOLE = { width: 1280, height: 1700 };  // the whole page without scrolling
const PHONE = { width: 390, height: 844 };
const TODAY = 'test&today=20240630';  // a Sunday
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// Logs an interaction with the quick log (Ctrl+L), as a person in a hurry would.
async function quickLog(page, person, kind, date) {
  const before = Number((await probe(page)).values['store.interactions']);
  await click(page, 'nav.Timeline');  // away from a person's page, which would pre-fill them
  await page.keyboard.press('Control+L');
  await page.waitForFunction(() => window.__ties.textInput === true && window.__ties.widgets['quicklog.people.field']);
  await page.keyboard.type(person);
  await waitValue(page, 'quicklog.people.field', person);
  await page.keyboard.press('Enter');  // picks the match
  await waitValue(page, 'quicklog.people.count', '1');
  await click(page, 'quicklog.kind');
  await click(page, `quicklog.kind.${kind}`);
  await waitValue(page, 'quicklog.kind', kind);
  // The quick log does not publish the date's text: type it, then let the saved count tell.
  await focusField(page, 'quicklog.date');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(date);
  await nextFrames(page, 2);
  await click(page, 'quicklog.save');
  await waitValue(page, 'store.interactions', String(before + 1));
}

// A one-finger drag on a phone, from y0 to y1.
async function drag(page, context, x, y0, y1) {
  const cdp = await context.newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', y0);
  const step = y1 < y0 ? -30 : 30;
  for (let y = y0 + step; step < 0 ? y >= y1 : y <= y1; y += step) { await touch('touchMove', y); await nextFrames(page, 1); }
  await touch('touchEnd', y1);
  await nextFrames(page, 4);
}

async function tap(page, name) {
  const r = await widget(page, name);
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await nextFrames(page, 3);
}

// Moves the real mouse over a chart's bucket and returns the tooltip's text.
async function tooltipAt(page, chart, bucket) {
  const r = await widget(page, `${chart}.bucket.${bucket}`);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h - 3);
  await page.waitForFunction((n) => window.__ties.values[n] !== undefined, `${chart}.tooltip`, { timeout: 5000 });
  await nextFrames(page, 2);
  return (await probe(page)).values[`${chart}.tooltip`];
}

async function chooseRange(page, range) {
  await click(page, `insights.range.${range}`);
  await waitValue(page, 'insights.range', range);
}

test('what was logged shows in the charts; the range changes the buckets; a nudge opens the person', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await click(page, 'nav.Insights');
    await waitValue(page, 'section', 'Insights');
    await waitValue(page, 'insights.empty', 'no people');
    await screenshot(page, 'insights-empty');

    await addContact(page, 'Ada Lovelace', { first_met: '2024-01-15' });
    await addContact(page, 'Grace Hopper', { first_met: '2024-05-02' });
    await quickLog(page, 'Ada', 'Coffee', '2024-06-25');
    await quickLog(page, 'Ada', 'Email', '2024-06-26');
    await quickLog(page, 'Ada', 'Help received', '2024-06-27');
    await quickLog(page, 'Grace', 'Call', '2024-04-10');
    await quickLog(page, 'Grace', 'Help given', '2024-06-28');
    await quickLog(page, 'Grace', 'Note', '2024-06-29');     // not a touch
    await quickLog(page, 'Ada', 'Coffee', '2024-07-03');     // planned: after today

    // An opportunity through Ada, who was a weak tie then (met, never talked to yet).
    await click(page, 'nav.Opportunities');
    await click(page, 'opportunities.new');
    await typeInto(page, 'opportunity.title', 'Backend role at Fjord Labs');
    await retype(page, 'opportunity.date', '2024-05-01');
    await typeInto(page, 'opportunity.people.field', 'ada');
    await click(page, 'opportunity.people.match.Ada Lovelace');
    await waitValue(page, 'opportunity.people.count', '1');
    await click(page, 'opportunity.save');
    await waitValue(page, 'opportunity.name', 'Backend role at Fjord Labs');

    // One year, by month: July 2023 to June 2024. A tall window shows the whole page.
    await resize(page, WHOLE);
    await click(page, 'nav.Insights');
    await waitValue(page, 'section', 'Insights');
    await waitValue(page, 'insights.range', '1 year');
    await waitValue(page, 'insights.range.dates', '2023-07-01..2024-06-30');
    let values = (await probe(page)).values;
    assert.equal(values['insights.touches.buckets'], '12');
    assert.equal(values['insights.growth.summary'], '2 people, 2 new in this period.');
    assert.equal(values['insights.touches.summary'], '5 touches in this period.');
    assert.equal(values['insights.give_take.summary'], 'Overall you gave help once and received it twice.');
    assert.equal(values['insights.repay'], 'Ada Lovelace');
    assert.equal(values['insights.weak'], 'Your one opportunity came through a weak tie.');
    assert.match(values['insights.circles.summary'], /^Nobody is in a circle yet/);

    assert.equal(await tooltipAt(page, 'insights.touches', 11),
                 'June 2024\nMessages: 1\nCalls: 0\nIn person: 1\nHelp: 2\nTotal: 4');
    await screenshot(page, 'insights-light');
    assert.equal(await tooltipAt(page, 'insights.touches', 9),
                 'April 2024\nMessages: 0\nCalls: 1\nIn person: 0\nHelp: 0\nTotal: 1');
    assert.equal(await tooltipAt(page, 'insights.growth', 6), 'January 2024\nPeople: 1\nNew: 1');
    assert.equal(await tooltipAt(page, 'insights.growth', 11), 'June 2024\nPeople: 2\nNew: 0');
    assert.equal(await tooltipAt(page, 'insights.give_take', 10), 'May 2024\nGiven: 0\nReceived: 1');
    assert.equal(await tooltipAt(page, 'insights.circles', 0), 'No circle\nIn touch: 2\nGoing dormant: 0\nTotal: 2');
    assert.equal(await tooltipAt(page, 'insights.opportunities.time', 10),
                 'May 2024\nWeak ties: 1\nStrong ties: 0\nTotal: 1');
    await screenshot(page, 'insights-light-opportunities');

    // Three months, by week: 13 weeks from Monday 1 April.
    await chooseRange(page, '3 months');
    await waitValue(page, 'insights.range.dates', '2024-04-01..2024-06-30');
    assert.equal((await probe(page)).values['insights.touches.buckets'], '13');
    assert.equal(await tooltipAt(page, 'insights.touches', 12),
                 'Week of 24 Jun 2024\nMessages: 1\nCalls: 0\nIn person: 1\nHelp: 2\nTotal: 4');
    assert.equal(await tooltipAt(page, 'insights.touches', 1),
                 'Week of 8 Apr 2024\nMessages: 0\nCalls: 1\nIn person: 0\nHelp: 0\nTotal: 1');
    await screenshot(page, 'insights-3-months');

    // All time starts at the earliest record: Ada, met on Monday 15 January; under six months, so by week.
    await chooseRange(page, 'All time');
    await waitValue(page, 'insights.range.dates', '2024-01-15..2024-06-30');
    assert.equal((await probe(page)).values['insights.growth.buckets'], '24');
    assert.equal(await tooltipAt(page, 'insights.growth', 0), 'Week of 15 Jan 2024\nPeople: 1\nNew: 1');

    // Dark.
    await click(page, 'sidebar.theme');
    await waitValue(page, 'theme', 'dark');
    await chooseRange(page, '1 year');
    await tooltipAt(page, 'insights.touches', 11);
    await screenshot(page, 'insights-dark');

    // The nudge opens the person.
    await click(page, 'insights.repay.Ada Lovelace');
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', 'Ada Lovelace');

    // Deleting her takes her out of every chart.
    await click(page, 'contact.delete');
    await click(page, 'contact.delete.confirm');
    await click(page, 'nav.Insights');
    await waitValue(page, 'insights.growth.summary', '1 person, 1 new in this period.');
    values = (await probe(page)).values;
    assert.equal(values['insights.give_take.summary'], 'Overall you gave help once, and have not received any yet.');
    assert.equal(values['insights.repay'], undefined);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a sample network: every chart drawn, numbers consistent, light and dark', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: `${TODAY}&sample=60` });
    await click(page, 'nav.Insights');
    await chooseRange(page, '3 years');
    let values = (await probe(page)).values;
    assert.equal(values['insights.touches.buckets'], '36');
    for (const chart of ['insights.growth', 'insights.touches', 'insights.circles', 'insights.give_take']) {
      const r = await widget(page, chart);
      assert.ok(r.w > 300 && r.h > 100, `${chart} is drawn (${r.w}x${r.h})`);
    }
    // The growth line's last point is the network today.
    const people = Number(values['insights.growth.summary'].match(/^(\d+) people/)[1]);
    assert.ok(people > 30, `${people} people`);
    assert.match(await tooltipAt(page, 'insights.growth', 35), new RegExp(`^June 2024\nPeople: ${people}\nNew: \\d+$`));
    // The touches tooltip adds up to its total.
    const text = await tooltipAt(page, 'insights.touches', 34);
    const numbers = [...text.matchAll(/: (\d+)/g)].map((m) => Number(m[1]));
    assert.equal(numbers.slice(0, 4).reduce((a, b) => a + b, 0), numbers[4], text);
    await screenshot(page, 'insights-sample-light');
    await click(page, 'sidebar.theme');
    await waitValue(page, 'theme', 'dark');
    await tooltipAt(page, 'insights.circles', 3);
    await screenshot(page, 'insights-sample-dark');
    values = (await probe(page)).values;
    assert.match(values['insights.weak'] || '', /opportunit/);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('on a phone the charts fit the screen, one per row; a tap shows the numbers', async () => {
  const context = await launch({ viewport: PHONE, dpr: 2, touch: true });
  try {
    const page = await openApp(context, server.url, { query: `${TODAY}&sample=60` });
    await tap(page, 'nav.Insights');
    await waitValue(page, 'section', 'Insights');
    for (const range of ['3 months', '1 year', '3 years', 'All time']) {
      const r = await widget(page, `insights.range.${range}`);
      assert.ok(r.x + r.w <= PHONE.width, `the ${range} button fits`);
    }
    const growth = await widget(page, 'insights.growth');
    const touches = await widget(page, 'insights.touches');
    assert.ok(growth.x + growth.w <= PHONE.width, 'the growth chart fits the screen');
    assert.ok(touches.y > growth.y + growth.h, 'one chart per row');
    await tap(page, 'insights.growth.bucket.11');
    assert.match((await probe(page)).values['insights.growth.tooltip'] || '', /^June 2024\nPeople: \d+\nNew: \d+$/);
    await screenshot(page, 'insights-phone');
    await drag(page, context, 200, 700, 150);
    await drag(page, context, 200, 700, 150);
    const circles = await widget(page, 'insights.circles');
    assert.ok(circles.x + circles.w <= PHONE.width, 'the circles chart fits the screen');
    await screenshot(page, 'insights-phone-scrolled');
    await tap(page, 'sidebar.theme');
    await waitValue(page, 'theme', 'dark');
    await screenshot(page, 'insights-phone-dark');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
