/** The eleven municipalities (reference/backends.md §1.10), with what the emulated catalogue needs about each. */
export interface PtvMunicipality {
  code: string;
  name: string;
  /** `kaupunki` (town) or `kunta` (municipality): decides the organisation's name. */
  kind: 'kaupunki' | 'kunta';
  organisation: string;
  businessId: string;
  domain: string;
  postalCode: string;
  /** The town hall's street address (synthetic). */
  street: string;
  streetNumber: string;
  /** A synthetic switchboard number. */
  phone: string;
}

export const PTV_MUNICIPALITIES: readonly PtvMunicipality[] = [
  m('009', 'Alavieska', 'kunta', 'Alavieskan kunta', '0184674-5', 'alavieska.fi', '85200', 'Kirkkotie', '1'),
  m('069', 'Haapajärvi', 'kaupunki', 'Haapajärven kaupunki', '0209756-3', 'haapajarvi.fi', '85800', 'Kirkkokatu', '2'),
  m(
    '071',
    'Haapavesi',
    'kaupunki',
    'Haapaveden kaupunki',
    '0184872-4',
    'haapavesi.fi',
    '86600',
    'Tiilitehtaantie',
    '4',
  ),
  m('208', 'Kalajoki', 'kaupunki', 'Kalajoen kaupunki', '0185924-7', 'kalajoki.fi', '85100', 'Kalajoentie', '5'),
  m('317', 'Kärsämäki', 'kunta', 'Kärsämäen kunta', '0186511-0', 'karsamaki.fi', '86710', 'Keskustie', '3'),
  m('494', 'Muhos', 'kunta', 'Muhoksen kunta', '0186646-3', 'muhos.fi', '91500', 'Muhoksentie', '12'),
  m('535', 'Nivala', 'kaupunki', 'Nivalan kaupunki', '0186757-0', 'nivala.fi', '85500', 'Kalliontie', '7'),
  m('563', 'Oulainen', 'kaupunki', 'Oulaisten kaupunki', '0186852-2', 'oulainen.fi', '86300', 'Petäjäkankaantie', '30'),
  m('625', 'Pyhäjoki', 'kunta', 'Pyhäjoen kunta', '0189127-1', 'pyhajoki.fi', '86100', 'Sepänkuja', '3'),
  m('746', 'Sievi', 'kunta', 'Sievin kunta', '0189615-2', 'sievi.fi', '85410', 'Haikolantie', '12'),
  m('977', 'Ylivieska', 'kaupunki', 'Ylivieskan kaupunki', '0190557-3', 'ylivieska.fi', '84100', 'Kyöstintie', '4'),
];

function m(
  code: string,
  name: string,
  kind: PtvMunicipality['kind'],
  organisation: string,
  businessId: string,
  domain: string,
  postalCode: string,
  street: string,
  streetNumber: string,
): PtvMunicipality {
  const phone = `08 ${String(400 + (Number(code) % 97)).padStart(3, '0')} ${String(1000 + Number(code) * 7).slice(-4)}`;
  return { code, name, kind, organisation, businessId, domain, postalCode, street, streetNumber, phone };
}

export function ptvMunicipality(code: string): PtvMunicipality | undefined {
  return PTV_MUNICIPALITIES.find((x) => x.code === code);
}
