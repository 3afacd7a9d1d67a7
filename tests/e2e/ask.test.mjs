// Ask through the real page: three people with a tag are asked by e-mail (one BCC draft holding
// the three addresses, the subject and the question), the ask is logged on each of them, an answer
// is marked in a click and turned into an opportunity linked to that person, all of it still there
// after a reload; asking the same people again is warned about, and the week's budget (Settings)
// cuts the audience. On a phone in dark mode, the sample network's cluster is asked from the Map.
// Screenshots in light, dark and on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importLinkedInAndX } from './network_files.mjs';
import { addContact, click, closeAll, launch, nextFrames, openApp, probe, screenshot, setNumber,
  startServer, tap, typeInto, waitReady, waitValue } from './harness.mjs';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TODAY = 'test&today=20240630';
const QUESTION = 'Who do you know who hires climbers in Lisbon?';
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function values(page) { return (await probe(page)).values; }
const opened = (page) => page.evaluate(() => Module.tiesPlatform.opened.slice());

// Leaving-the-page prompts would be a defect here: record any.
function watchDialogs(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.type()); await dialog.dismiss(); });
  return dialogs;
}

async function chooseTag(page, tag) {
  await click(page, 'ask.kind.1');
  await click(page, 'ask.tag');
  await click(page, `ask.tag.${tag}`);
  await waitValue(page, 'ask.tag', tag);
}

test('ask three people by e-mail, mark an answer, turn it into an opportunity; repeats warned, the budget kept', async () => {
  const context = await launch({ viewport: DESKTOP });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    const dialogs = watchDialogs(page);
    const people = [['Ada Climb', 'ada@example.org'], ['Bo Boulder', 'bo+rock@example.org'], ['Cy Crag', 'cy@example.org']];
    for (const [name, email] of people) await addContact(page, name, { emails: email, tags: 'climbing' });
    await addContact(page, 'Di Elsewhere', { emails: 'di@example.org', tags: 'rust' });

    await click(page, 'nav.Ask');
    await waitValue(page, 'section', 'Ask');
    await chooseTag(page, 'climbing');
    await typeInto(page, 'ask.subject', 'A question about Lisbon');
    await typeInto(page, 'ask.question', QUESTION);
    await waitValue(page, 'ask.audience.count', '3');
    let v = await values(page);
    assert.equal(v['ask.audience.summary'], '3 people: 3 by e-mail');
    assert.equal(v['ask.week'], '0 people asked this week, of the 30 in your budget (Settings → Your budget).');
    assert.deepEqual([0, 1, 2].map((i) => v[`ask.audience.${i}`]).sort(), people.map(([n]) => n).sort());
    await screenshot(page, 'ask-light');

    await click(page, 'ask.send');
    await waitValue(page, 'ask.sent.drafts', '1');
    await waitValue(page, 'notice', 'Asked 3 people: logged on each');
    await click(page, 'ask.sent.mail.0');
    await page.waitForFunction(() => Module.tiesPlatform.opened.length > 0);
    const [draft] = await opened(page);
    const url = new URL(draft);
    assert.equal(url.protocol, 'mailto:');
    assert.equal(url.pathname, '', 'nobody in To: everyone in BCC');
    assert.deepEqual(url.searchParams.get('bcc').split(',').sort(), people.map(([, e]) => e).sort());
    assert.equal(url.searchParams.get('subject'), 'A question about Lisbon');
    assert.equal(url.searchParams.get('body'), QUESTION);
    await nextFrames(page, 3);
    assert.deepEqual(dialogs, [], 'opening the draft asks nothing of the person');
    await screenshot(page, 'ask-sent');

    // The same people again: warned about and left out unless asked for.
    v = await values(page);
    assert.equal(v['ask.audience.count'], '0');
    assert.equal(v['ask.error'], 'Everyone here was asked in the last 30 days.');
    assert.match(v['ask.recent'], /^3 people were asked in the last 30 days: .+\. Left out, so nobody is asked too often\.$/);
    assert.equal(v['ask.week'], '3 people asked this week, of the 30 in your budget (Settings → Your budget).');

    // Logged on each person: their page lists the ask.
    assert.equal(v['ask.history.count'], '1');
    assert.equal(v['ask.history.0.answered'], '0 of 3 answered');
    await click(page, 'ask.history.0.person.1.answer');
    await waitValue(page, 'ask.history.0.answered', '1 of 3 answered');
    await click(page, 'ask.history.0.person.1.lead');
    await waitValue(page, 'ask.history.0.person.1.opportunity', QUESTION);
    await screenshot(page, 'ask-answered');

    // Who answered, from the page's own link; their page has the ask and the answer, and the
    // opportunity names them.
    await click(page, 'ask.history.0.person.1');
    await waitValue(page, 'section', 'Contacts');
    v = await values(page);
    const name = v['contact.name'];
    assert.ok(people.some(([n]) => n === name), name);
    const history = Object.keys(v).filter((k) => /^contact\.history\.\d+$/.test(k)).map((k) => v[k]);
    assert.ok(history.some((h) => h.includes(`| ${QUESTION}`) && /Ask/.test(h)), `the ask is on their page: ${history}`);
    assert.ok(history.some((h) => h.includes(`| Answered your question: ${QUESTION}`)), `and their answer: ${history}`);
    await click(page, 'nav.Opportunities');
    await waitValue(page, 'opportunities.count', '1');
    await click(page, `opportunities.row.${QUESTION}`);
    await waitValue(page, 'opportunity.name', QUESTION);
    assert.equal((await values(page))['opportunity.people'], '1');
    assert.ok((await probe(page)).widgets[`opportunity.person.${name}`], `the opportunity is linked to ${name}`);

    // A reload keeps all of it.
    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Ask');
    await waitValue(page, 'ask.history.count', '1');
    v = await values(page);
    assert.equal(v['ask.history.0.answered'], '1 of 3 answered');
    // The Timeline lists the ask once (one record for the three), and finds it by its kind.
    await click(page, 'nav.Timeline');
    await click(page, 'timeline.kind');
    await click(page, 'timeline.kind.Ask');
    await waitValue(page, 'timeline.count', '1');
    assert.match((await values(page))['timeline.row.0'], new RegExp(`\\| Ask \\| .+ \\| ${QUESTION.replace('?', '\\?')}`));

    // The week's budget: 4 people a week, 3 asked; asking the three again leaves room for one.
    await click(page, 'nav.Settings');
    await setNumber(page, 'settings.budget.asks', 4);
    await waitValue(page, 'settings.budget', /\/4$/);
    await click(page, 'nav.Ask');
    await chooseTag(page, 'climbing');
    await click(page, 'ask.recent.include');
    await waitValue(page, 'ask.audience.count', '1');
    v = await values(page);
    assert.equal(v['ask.over_budget'], '2 more people would go over this week\'s budget: left out, the weakest ties first. ' +
                                       'Ask them next week, or raise the budget in Settings.');
    await screenshot(page, 'ask-budget');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('on a phone in dark mode: a cluster of the sample network asked from the Map', async () => {
  const context = await launch({ viewport: PHONE, touch: true, colorScheme: 'dark' });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await tap(page, 'welcome.sample');
    await waitValue(page, 'section', 'Contacts');
    await tap(page, 'nav.Map');
    await waitValue(page, 'map.state', 'ready', 20000);
    await tap(page, 'map.toggle');
    await tap(page, 'map.list.0');
    const cluster = (await values(page))['map.list.0'];
    await tap(page, 'map.list.0.ask');
    await waitValue(page, 'section', 'Ask');
    let v = await values(page);
    assert.equal(v['ask.kind'], 'A cluster');
    assert.ok(cluster.includes(v['ask.cluster']), `${v['ask.cluster']} is the cluster chosen on the map: ${cluster}`);
    const size = Number(/\((\d+)\)$/.exec(cluster)[1]);
    assert.equal(Number(v['ask.audience.count']), Math.min(size, 30));
    await typeInto(page, 'ask.question', 'Anyone going to the harbour meetup?');
    await screenshot(page, 'ask-phone-dark');
    await tap(page, 'ask.send');
    await waitValue(page, 'ask.history.count', '1');
    await waitValue(page, 'ask.history.0.answered', `0 of ${Math.min(size, 30)} answered`);
    await screenshot(page, 'ask-phone-sent');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('an imported LinkedIn + X network: the X scene asked on X, a company on LinkedIn', async () => {
  const context = await launch({ viewport: DESKTOP });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await importLinkedInAndX(page);
    await click(page, 'nav.Ask');
    await chooseTag(page, 'x-following');
    await typeInto(page, 'ask.question', 'Who runs the Oslo meetup now?');
    await waitValue(page, 'ask.audience.count', '6');
    assert.equal((await values(page))['ask.audience.summary'], '6 people: 6 on X');
    await click(page, 'ask.send');
    await click(page, 'ask.sent.person.0');
    await page.waitForFunction(() => Module.tiesPlatform.opened.length > 0);
    const [x] = await opened(page);
    assert.match(x, /^https:\/\/x\.com\/intent\/post\?text=%40[a-z_]+%20Who%20runs%20the%20Oslo%20meetup%20now%3F$/);

    // A company's cluster, from the map's clusters: everyone reached on LinkedIn.
    await click(page, 'ask.kind.0');
    await page.waitForFunction(() => window.__ties.widgets['ask.cluster'], null, { timeout: 20000 });
    await click(page, 'ask.cluster');
    await click(page, 'ask.cluster.Contoso');
    await waitValue(page, 'ask.audience.count', '8');
    assert.equal((await values(page))['ask.audience.summary'], '8 people: 8 on LinkedIn');
    await screenshot(page, 'ask-linkedin-x');
    await click(page, 'ask.send');
    await click(page, 'ask.sent.person.0');
    await page.waitForFunction(() => Module.tiesPlatform.opened.length > 1);
    const linkedin = (await opened(page))[1];
    assert.match(linkedin, /^https:\/\/www\.linkedin\.com\/in\/person-\d+$/);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
