// Sample files of a network as LinkedIn and X export it, and their import through the page, shared
// by the Map's and Ask's browser tests (the map finds its clusters; Ask reaches its people by
// LinkedIn and X).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { click, dropFiles, probe, waitValue } from './harness.mjs';

// A network as LinkedIn and X export it: 32 connections at four companies and 8 with none, and an
// X archive whose tweets mention a local scene of six people two or three at a time.
export async function writeLinkedInAndX(dir) {
  const companies = ['Northwind Traders', 'Fjord Analytics, AB', 'Contoso', 'Blue Heron Labs'];
  const rows = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < 40; ++i) {
    const company = i < 32 ? companies[i % 4] : '';
    const quoted = company.includes(',') ? `"${company}"` : company;
    rows.push(`Person${i},Linked${i},https://www.linkedin.com/in/person-${i},,${quoted},Engineer,0${1 + (i % 9)} Mar 2023`);
  }
  const csv = '\ufeffNotes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n' +
              rows.join('\n') + '\n';
  const scene = ['ruby_oslo', 'kari_codes', 'nils_dev', 'ingrid_ml', 'ola_rust', 'siri_ops'];
  const tweets = [];
  for (let t = 0; t < 12; ++t) {
    const mentioned = [scene[t % 6], scene[(t + 1) % 6], ...(t % 3 === 0 ? [scene[(t + 3) % 6]] : [])];
    tweets.push({ tweet: {
      id_str: String(1720000000000000100 + t), created_at: `Fri Nov ${String(3 + t).padStart(2, '0')} 09:15:00 +0000 2023`,
      full_text: mentioned.map((s) => `@${s}`).join(' ') + ' see you at the meetup',
      entities: { user_mentions: mentioned.map((s) => ({ screen_name: s, name: s.replace('_', ' '), id_str: String(900 + scene.indexOf(s)) })) },
    } });
  }
  const account = [{ account: { email: 'me@example.com', username: 'weakties_fan', accountId: '1000000001', accountDisplayName: 'Weak Ties Fan' } }];
  const files = {
    'Connections.csv': csv,
    'account.js': `window.YTD.account.part0 = ${JSON.stringify(account, null, 2)}\n`,
    'tweets.js': `window.YTD.tweets.part0 = ${JSON.stringify(tweets, null, 2)}\n`,
    'following.js': `window.YTD.following.part0 = ${JSON.stringify(scene.map((s, i) => ({ following: {
      accountId: String(900 + i), userLink: `https://twitter.com/intent/user?user_id=${900 + i}` } })), null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return Object.keys(files).map((name) => path.join(dir, name));
}


// Imports those files through the page (dropped on it, previewed, confirmed): 46 people.
export async function importLinkedInAndX(page) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ties-network-'));
  try {
    const [csv, ...x] = await writeLinkedInAndX(dir);
    for (const files of [[csv], x]) {
      await dropFiles(page, files);
      await waitValue(page, 'import.stage', /preview|failed/, 20000);
      const v = (await probe(page)).values;
      assert.equal(v['import.stage'], 'preview', v['import.error']);
      await click(page, 'import.confirm');
      await waitValue(page, 'import.stage', 'done', 20000);
      await click(page, 'import.close');
    }
    await waitValue(page, 'store.contacts', '46');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
