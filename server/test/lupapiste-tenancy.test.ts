import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR } from '../src/tenants/load-municipalities.js';
import { API_BASE, buildTestApp, NIVALA_ORIGIN, type MunicipalityFile, type TestApp } from './helpers/app.js';

/** A municipality's own file as shipped, without the PTV source (not needed here, and it would refresh). */
function municipalityFile(id: string): MunicipalityFile {
  const file = JSON.parse(
    readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, `${id}.json`), 'utf8'),
  ) as MunicipalityFile;
  delete file.sources.ptv;
  return file;
}

interface CaseList {
  items: Array<{ id: string; source: string; status: string }>;
  sources: Array<{ id: string; status: string }>;
}

/** A DPoP-bound GET /v1/me/cases with a token of the given OIDC client (the municipality's site). */
async function casesThrough(app: TestApp, identityCode: string, clientId: string) {
  const url = '/v1/me/cases';
  const token = await app.idp.accessToken(identityCode, {
    claims: { client_id: clientId, cnf: { jkt: app.dpopKey.jkt } },
  });
  const proof = await app.dpopKey.proof({
    htm: 'GET',
    htu: `${API_BASE}${url}`,
    accessToken: token,
    iat: app.idp.nowSeconds(),
  });
  return app.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `DPoP ${token}`, dpop: proof, origin: NIVALA_ORIGIN },
  });
}

describe('Lupapiste tenancy: a municipality shows only the permits it controls', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, { extraMunicipalities: { haapavesi: municipalityFile('haapavesi') } });
  });
  after(async () => t.close());

  /** GET /v1/me/cases as the citizen signed in through `municipality`'s site (its OIDC client). */
  async function casesOn(municipality: 'nivala' | 'haapavesi', identityCode: string) {
    const response = await casesThrough(t, identityCode, `kunta-akkuna-${municipality}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as CaseList;
  }
  const permits = (body: Awaited<ReturnType<typeof casesOn>>) => body.items.filter((c) => c.source === 'lupapiste');

  test("Maija signing in through Haapavesi's site sees none of her Nivala permits", async () => {
    const onNivala = permits(await casesOn('nivala', t.hetu.maija));
    assert.equal(onNivala.length, 3, 'on Nivala’s site she sees them');
    assert.ok(onNivala.every((c) => /^lupapiste:LP-535-/.test(c.id)));

    const audited = (await t.auditRows()).length;
    const onHaapavesi = await casesOn('haapavesi', t.hetu.maija);
    assert.deepEqual(permits(onHaapavesi), []);
    // Her rows were there in Lupapiste's answer; leaving another municipality's rows out is not a fault.
    assert.equal(onHaapavesi.sources.find((s) => s.id === 'lupapiste')?.status, 'ok');

    // The access-log row is Haapavesi's and names nothing of Nivala's.
    const [row, ...more] = (await t.auditRows()).slice(audited);
    assert.equal(more.length, 0);
    assert.equal(row?.municipality_id, 'haapavesi');
    assert.equal((row as { controller?: string | null } | undefined)?.controller, 'haapavesi');
    assert.ok(!row!.object_refs.includes('LP-535-'), row!.object_refs);
  });

  test("Juha signing in through Nivala's site sees none of his Haapavesi permit", async () => {
    const onHaapavesi = permits(await casesOn('haapavesi', t.hetu.juha));
    assert.deepEqual(
      onHaapavesi.map((c) => [c.id.slice(0, 'lupapiste:LP-071-'.length), c.status]),
      [['lupapiste:LP-071-', 'decided']],
    );
    const audited = (await t.auditRows()).length;
    assert.deepEqual(permits(await casesOn('nivala', t.hetu.juha)), []);
    // The read of his (empty) list on Nivala's site is Nivala's row, and it names nothing of Haapavesi's.
    const rows = (await t.auditRows()).slice(audited);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.municipality_id, 'nivala');
    assert.equal((rows[0] as { controller?: string | null }).controller, 'nivala');
    assert.equal(rows[0]?.object_refs, '[]');
  });

  test('each municipality calls Lupapiste with its own API key', async () => {
    // A key that is not Nivala's own makes Nivala's source fail, and Haapavesi's still answers.
    const wrongKey = await buildTestApp(
      {},
      {
        nivala: (config) => {
          config.sources.lupapiste.apiKey = 'a-key-lupapiste-does-not-know';
          config.sources.lupapiste.resilience = { staleTtlSeconds: 0 };
          return config;
        },
        emulator: t.emulator,
      },
    );
    try {
      const response = await casesThrough(wrongKey, t.hetu.maija, 'kunta-akkuna-nivala');
      const body = response.json() as CaseList;
      assert.equal(body.sources.find((s) => s.id === 'lupapiste')?.status, 'unavailable');
      assert.deepEqual(
        body.items.filter((c) => c.source === 'lupapiste'),
        [],
      );
    } finally {
      await wrongKey.close();
    }
  });
});
