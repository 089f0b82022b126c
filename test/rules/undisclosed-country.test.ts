import { describe, expect, it } from 'vitest';
import { undisclosedCountry } from '../../src/rules/undisclosed-country.js';
import { TEST_SNAPSHOT, attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

const to = (server: string, country: string, relation: 'recipient' | 'hosting' = 'recipient') =>
  attributedFlow({ server, attribution: { relation, organisation: `org-${country}`, network: { asn: 1, asnOwner: 'x', country } } });
const storedInUs = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['US'], regions: [], unspecified: false, trigger: 'stored in' });

describe('undisclosed-country', () => {
  it('flags each country the policy does not mention, one finding per country', () => {
    const cn = to('47.96.20.30', 'CN');
    const findings = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows: [to('3.208.10.10', 'US'), cn, to('103.98.134.10', 'SG')], hits: [hitOn(cn, 'user_id', 'u-1')] }));
    expect(findings.map((f) => f.subject)).toEqual(['CN', 'SG']);
    expect(findings[0]).toMatchObject({ severity: 'high', label: 'omitted' });
    expect(findings[1]).toMatchObject({ severity: 'medium', label: 'omitted' });
    expect(findings[0]?.explanation).toContain('China');
  });

  it('expands regions: a policy naming the EEA covers Germany', () => {
    const eea = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EEA'], unspecified: false, trigger: 'stored in the EEA' });
    expect(undisclosedCountry.check(buildView({ claims: [eea], flows: [to('1.1.1.1', 'DE')] }))).toEqual([]);
  });

  it('an "other countries" clause makes the finding vague and low', () => {
    const other = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'other countries' });
    const findings = undisclosedCountry.check(buildView({ claims: [storedInUs(), other], flows: [to('47.96.20.30', 'CN')] }));
    expect(findings[0]).toMatchObject({ label: 'vague', severity: 'low' });
  });

  it('quotes the words the policy uses for unnamed destinations, never words it does not use (trial 7 P1-1)', () => {
    const world = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: [], unspecified: true, trigger: 'store; anywhere in the world' });
    const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), world], flows: [to('3.120.0.1', 'DE')] }));
    expect(finding?.explanation).toContain('It also says data may go to countries it does not name (\u201canywhere in the world\u201d).');
    expect(finding?.explanation).not.toContain('other countries');
    // A transfer mechanism alone implies an unnamed destination but shows no words for it.
    const scc = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'Standard Contractual Clauses' });
    const [bare] = undisclosedCountry.check(buildView({ claims: [storedInUs(), scc], flows: [to('3.120.0.1', 'DE')] }));
    expect(bare?.explanation).toContain('It also says data may go to countries it does not name.');
  });

  it('restates the limit of a statement that places only recipients in unnamed places (trial7b item 13)', () => {
    const eu = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EU'], unspecified: false, trigger: 'stays' });
    const providers = storedClaim({
      kind: 'transfer',
      transferType: 'transfer',
      countries: [],
      regions: [],
      unspecified: true,
      trigger: 'service providers; anywhere in the world',
      recipients: 'service providers',
      conditions: [{ kind: 'purpose', text: 'for customer support' }],
    });
    const [finding] = undisclosedCountry.check(buildView({ claims: [eu, providers], flows: [to('3.208.10.10', 'US')] }));
    expect(finding).toMatchObject({ subject: 'US', label: 'vague' });
    expect(finding?.explanation).toContain(
      'It also says data may go to countries it does not name (\u201canywhere in the world\u201d), but only as where its service providers are, for customer support.',
    );
    // Beside a statement that sends data in general to unnamed places, the limit is not restated.
    const other = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'other countries' });
    const [wider] = undisclosedCountry.check(buildView({ claims: [eu, providers, other], flows: [to('3.208.10.10', 'US')] }));
    expect(wider?.explanation).not.toContain('but only as where');
  });

  describe('a policy that names no country, only unnamed places (trial7b item 17)', () => {
    const world = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: [], unspecified: true, trigger: 'store; anywhere in the world' });

    it('gets one finding for all the countries the traffic reached, not one per country: it said data goes abroad, not where', () => {
      const us = to('3.208.10.10', 'US');
      const findings = undisclosedCountry.check(buildView({ claims: [world()], flows: [to('3.120.0.1', 'DE'), us, to('52.1.1.1', 'IE'), to('3.208.10.11', 'US')], hits: [hitOn(us, 'user_id', 'u-1')] }));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        subject: 'countries the policy does not name',
        label: 'vague',
        severity: 'low',
        title: 'Traffic to Germany, Ireland and United States: the policy names no country data goes to, only that data may go \u201canywhere in the world\u201d',
      });
      expect(findings[0]?.explanation).toContain('(connections: Germany 1, Ireland 1, United States 2)');
      expect(findings[0]?.explanation).toContain('User identifiers travelled in plaintext to servers in United States.');
      // Every flow is evidence, each row naming its country.
      expect(findings[0]?.packetEvidence.map((e) => e.country)).toEqual(['DE', 'IE', 'US', 'US']);
      expect(findings[0]?.policyEvidence.map((e) => e.quote)).toEqual([world().quote]);
    });

    it('says "countries it does not name" when a transfer mechanism is all that implies them', () => {
      const scc = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'Standard Contractual Clauses' });
      const [finding] = undisclosedCountry.check(buildView({ claims: [scc], flows: [to('3.120.0.1', 'DE')] }));
      expect(finding?.title).toBe('Traffic to Germany: the policy names no country data goes to, only that data may go to countries it does not name');
    });

    it('keeps a denied country as its own finding, which weighs the denial', () => {
      const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative', quote: 'We do not transfer your personal data to China.' });
      const findings = undisclosedCountry.check(buildView({ claims: [world(), denial], flows: [to('47.96.20.30', 'CN'), to('3.120.0.1', 'DE')] }));
      expect(findings.map((f) => [f.subject, f.label])).toEqual([
        ['countries the policy does not name', 'vague'],
        ['CN', 'incorrect'],
      ]);
    });

    it('a policy that names a country as well keeps one finding per country it does not name', () => {
      const findings = undisclosedCountry.check(buildView({ claims: [storedInUs(), world()], flows: [to('3.120.0.1', 'DE'), to('52.1.1.1', 'IE')] }));
      expect(findings.map((f) => f.subject)).toEqual(['DE', 'IE']);
    });
  });

  describe('a region the policy sends data out of (trial8 item 5)', () => {
    const outOfEea = () =>
      storedClaim({
        kind: 'transfer',
        transferType: 'transfer',
        countries: [],
        regions: [],
        unspecified: true,
        trigger: 'transfer; outside of the European Economic Area; Standard Contractual Clauses',
        origins: { countries: ['GB'], regions: ['EEA'] },
        quote: 'Where we transfer your personal information outside of the European Economic Area or the United Kingdom, we rely on Standard Contractual Clauses.',
      });

    it('places data in its member countries: Ireland is no country the policy does not name, and the outcome says why', () => {
      const outcome = undisclosedCountry.review?.(buildView({ claims: [outOfEea()], flows: [to('52.1.1.1', 'IE'), to('1.1.1.2', 'GB')] }));
      expect(outcome?.findings).toEqual([]);
      expect(outcome?.suppressingMentions.map((m) => [m.country, m.region])).toEqual([
        ['IE', 'EEA'],
        ['GB', undefined],
      ]);
      expect(outcome?.suppressingMentions[0]?.quote).toContain('outside of the European Economic Area');
    });

    it('leaves the other countries in the one finding, which says which countries it set aside and does not claim the policy names none', () => {
      const snapshot = { ...TEST_SNAPSHOT, text: 'Acme Inc. has operations, entities, and service providers in the United States and throughout the world.' };
      const [finding, ...rest] = undisclosedCountry.check(buildView({ snapshot, claims: [outOfEea()], flows: [to('52.1.1.1', 'IE'), to('3.208.10.10', 'US'), to('103.98.134.10', 'SG')] }));
      expect(rest).toEqual([]);
      expect(finding?.title).toBe('Traffic to Singapore: no transfer statement of the policy names a country, only that data may go \u201coutside of the European Economic Area\u201d');
      expect(finding?.explanation).toContain('No transfer statement of the policy names a country as where data is stored or sent');
      expect(finding?.explanation).toContain(
        'The traffic also reached Ireland (a member of the European Economic Area, which the policy sends data out of) and United States (named in another sentence), which this audit treats as disclosed, so they are not part of this finding',
      );
      expect(finding?.explanation).not.toContain('The policy names no country');
    });

    it('a general denial of a member country still stands against the traffic', () => {
      const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['IE'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative', quote: 'We do not transfer your personal data to Ireland.' });
      const findings = undisclosedCountry.check(buildView({ claims: [outOfEea(), denial], flows: [to('52.1.1.1', 'IE')] }));
      expect(findings.map((f) => [f.subject, f.label])).toEqual([['IE', 'incorrect']]);
    });
  });

  it('a country named anywhere in the policy text counts as mentioned', () => {
    const snapshot = { ...TEST_SNAPSHOT, text: 'Acme Inc. is headquartered in the United States and has an office in Singapore.' };
    const findings = undisclosedCountry.check(buildView({ snapshot, claims: [storedInUs()], flows: [to('103.98.134.10', 'SG'), to('47.96.20.30', 'CN')] }));
    expect(findings.map((f) => f.subject)).toEqual(['CN']);
  });

  it('says nothing when the policy states no location at all', () => {
    expect(undisclosedCountry.check(buildView({ flows: [to('47.96.20.30', 'CN')] }))).toEqual([]);
  });

  it('traffic to a country the policy denies is incorrect and high, quoting the denial first (trial 6 P1-1)', () => {
    const quote = 'Your data is never stored in Singapore or China.';
    const snapshot = { ...TEST_SNAPSHOT, text: quote };
    const denial = storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['SG', 'CN'], regions: [], unspecified: false, trigger: 'stored', quote, polarity: 'negative' });
    const outcome = undisclosedCountry.review?.(buildView({ snapshot, claims: [storedInUs(), denial], flows: [to('103.98.134.10', 'SG')] }));
    expect(outcome?.findings).toHaveLength(1);
    expect(outcome?.findings[0]).toMatchObject({ subject: 'SG', label: 'incorrect', severity: 'high', title: 'Traffic to Singapore, where the policy says data is not stored' });
    expect(outcome?.findings[0]?.policyEvidence[0]).toMatchObject({ quote, namesSubject: true });
    expect(outcome?.findings[0]?.explanation).toContain('The policy says: \u201cYour data is never stored in Singapore or China\u201d.');
    // The denial is not a mention that stands in for a disclosure.
    expect(outcome?.suppressingMentions).toEqual([]);
  });

  it('a denial is a statement about location even when the policy names no place data goes', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', quote: 'We do not transfer your personal data to China.', polarity: 'negative' });
    const findings = undisclosedCountry.check(buildView({ claims: [denial], flows: [to('47.96.20.30', 'CN'), to('103.98.134.10', 'SG')] }));
    expect(findings.map((f) => `${f.subject} ${f.label} ${f.title}`)).toEqual(['CN incorrect Traffic to China, where the policy says data is not sent']);
  });

  it('a denial limited by an exception or condition is not contradicted: omitted, restated with its limit', () => {
    const denial = storedClaim({
      kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative',
      quote: 'We do not transfer your data to China unless you use the app there.', conditions: [{ kind: 'exception', text: 'unless you use the app there' }],
    });
    const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [to('47.96.20.30', 'CN')] }));
    expect(finding).toMatchObject({ label: 'omitted', severity: 'medium', title: 'Traffic to China, where the policy says data is not sent (unless you use the app there)' });
    expect(finding?.explanation).toContain('the capture cannot show whether that limit applied');
  });

  it('a country both named as a destination and denied gets no finding: the traffic cannot tell which sentence is wrong', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['US'], regions: [], unspecified: false, trigger: 'transfer', quote: 'We never transfer data to the US.', polarity: 'negative' });
    expect(undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [to('3.208.10.10', 'US')] }))).toEqual([]);
  });

  it('a negative claim whose negator governs another verb is no denial ("cannot guarantee that data transferred to …")', () => {
    const quote = 'We cannot guarantee that data transferred to China is protected as in the EU.';
    const loose = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transferred', quote, polarity: 'negative' });
    const [finding] = undisclosedCountry.check(buildView({ snapshot: { ...TEST_SNAPSHOT, text: quote }, claims: [storedInUs(), loose], flows: [to('47.96.20.30', 'CN')] }));
    // The sentence is neither a denial nor a transfer statement: its mention of China counts as disclosing, as before.
    expect(finding).toBeUndefined();
  });

  describe('denials of one kind of data (voice recordings, payment data) and of storage', () => {
    const denialOf = (quote: string, transferType: 'storage' | 'transfer', extra: Record<string, unknown> = {}) =>
      storedClaim({ kind: 'transfer', transferType, countries: ['CN'], regions: [], unspecified: false, trigger: 'x', quote, polarity: 'negative', ...extra });
    const withRtp = (item: ReturnType<typeof to>) => ({ ...item, flow: { ...item.flow, protocol: 'udp' as const, realtime: [{ protocol: 'rtp' as const, frame: 77 }] } });

    it('"We do not store your voice recordings in China": traffic there is omitted, not incorrect, with the denial quoted as context', () => {
      const quote = 'We do not store your voice recordings in China.';
      const outcome = undisclosedCountry.review?.(buildView({ snapshot: { ...TEST_SNAPSHOT, text: quote }, claims: [storedInUs(), denialOf(quote, 'storage')], flows: [to('47.96.20.30', 'CN')] }));
      const [finding] = outcome?.findings ?? [];
      expect(finding).toMatchObject({
        subject: 'CN', label: 'omitted', severity: 'medium',
        title: 'Traffic to China, a country the policy does not name as a place data goes (it says voice recordings are not stored there)',
      });
      expect(finding?.policyEvidence[0]).toMatchObject({ quote, namesSubject: true });
      expect(finding?.explanation).toContain('That denial is about voice recordings only. The capture shows that the app sent data to China, not which data, so it does not contradict that denial.');
    });

    it('a scoped denial does not withhold the country: another sentence naming China still discloses it', () => {
      const denial = 'We do not store your voice recordings in China.';
      const text = `${denial} Our partner in China provides customer support.`;
      const outcome = undisclosedCountry.review?.(buildView({ snapshot: { ...TEST_SNAPSHOT, text }, claims: [storedInUs(), denialOf(denial, 'storage', { span: { start: 0, end: denial.length } })], flows: [to('47.96.20.30', 'CN')] }));
      expect(outcome?.findings).toEqual([]);
      expect(outcome?.suppressingMentions.map((m) => m.quote)).toEqual(['Our partner in China provides customer support.']);
    });

    it('with an "other countries" clause, a scoped denial leaves the finding vague, as without it', () => {
      const other = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'other countries' });
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), other, denialOf('Payment data is never transferred to China.', 'transfer')], flows: [to('47.96.20.30', 'CN')] }));
      expect(finding).toMatchObject({ label: 'vague', title: 'Traffic to China, a country the policy does not name as a place data goes (it says payment data is not sent there)' });
    });

    it('a denial of sending audio is contradicted by RTP media to that country; a denial of storing recordings is not', () => {
      const sent = 'Your voice is never sent to China.';
      const [contradicted] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf(sent, 'transfer')], flows: [withRtp(to('47.96.20.30', 'CN'))] }));
      expect(contradicted).toMatchObject({ label: 'incorrect', severity: 'high', title: 'Traffic to China, where the policy says voice is not sent' });
      expect(contradicted?.explanation).toContain('The capture shows that kind of data going there: real-time media (RTP, frame 77).');
      const stored = 'We do not store your voice recordings in China.';
      const [context] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf(stored, 'storage')], flows: [withRtp(to('47.96.20.30', 'CN'))] }));
      expect(context).toMatchObject({ label: 'omitted' });
      expect(context?.explanation).toContain('The connections carried real-time media (RTP, frame 77): that is data passing through China, not data stored there, which the capture cannot show.');
    });

    it('a denial of one kind is contradicted by an identifier of that kind going there', () => {
      const cn = to('47.96.20.30', 'CN');
      const denial = denialOf('Your phone number is never transferred to China.', 'transfer');
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [cn], hits: [hitOn(cn, 'phone', '+8613800138000')] }));
      expect(finding).toMatchObject({ label: 'incorrect', title: 'Traffic to China, where the policy says phone number is not sent' });
      expect(finding?.explanation).toMatch(/The capture shows that kind of data going there: the identifier “phone” \(frame \d+\)\./);
      // Another kind of identifier says nothing about phone numbers.
      const [other] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [cn], hits: [hitOn(cn, 'user_id', 'u-1')] }));
      expect(other).toMatchObject({ label: 'omitted', severity: 'high' });
    });

    it('"never stored in China" met only by a CDN edge is omitted and says the edge may pass data on; "never sent" stays incorrect', () => {
      const [stored] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf('Your data is never stored in China.', 'storage')], flows: [to('47.96.20.30', 'CN', 'hosting')] }));
      expect(stored).toMatchObject({ label: 'omitted', confidence: 'low', title: 'Traffic to China through a cloud or CDN network, where the policy says data is not stored' });
      expect(stored?.explanation).toContain('which may pass data on rather than keep it');
      const [sent] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf('We never transfer your data to China.', 'transfer')], flows: [to('47.96.20.30', 'CN', 'hosting')] }));
      expect(sent).toMatchObject({ label: 'incorrect', confidence: 'low' });
      const [received] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf('Your data is never stored in China.', 'storage')], flows: [to('47.96.20.30', 'CN')] }));
      expect(received?.explanation).toContain('The capture shows data reaching servers there, not whether it was stored there.');
    });

    it('a pronoun is not read as all data: "We never store it in China" is context', () => {
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denialOf('We never store it in China.', 'storage')], flows: [to('47.96.20.30', 'CN')] }));
      expect(finding).toMatchObject({ label: 'omitted' });
      expect(finding?.explanation).toContain('That denial speaks of data another sentence names');
    });

    it('a scoped denial is a statement about location even when the policy names no place data goes', () => {
      const findings = undisclosedCountry.check(buildView({ claims: [denialOf('We do not store your voice recordings in China.', 'storage')], flows: [to('47.96.20.30', 'CN'), to('103.98.134.10', 'SG')] }));
      expect(findings.map((f) => `${f.subject} ${f.label}`)).toEqual(['CN omitted']);
    });
  });

  describe("a CDN's registry country (trial9 item 7)", () => {
    const onAkamai = (server: string, host: string, relation: 'recipient' | 'first-party') =>
      attributedFlow({ server, attribution: { relation, host, organisation: host, network: { asn: 20940, asnOwner: 'Akamai International B.V.', country: 'NL' } } });

    it('rates the country low when every server is on a catalogued CDN, whatever the host names make the flows, and says why', () => {
      const flows = [onAkamai('2.22.1.1', 'www.ferguson.com', 'first-party'), onAkamai('95.100.1.1', 'c.go-mpulse.net', 'recipient')];
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows }));
      expect(finding).toMatchObject({ subject: 'NL', confidence: 'low', title: "Traffic to a CDN's servers registered in Netherlands, a country the policy does not name as a place data goes" });
      expect(finding?.explanation).toContain(
        "The addresses are registered to Akamai International B.V. (Akamai Technologies, Inc.), that network's entity in Netherlands; a CDN's servers usually sit near the user",
      );
    });

    it('keeps medium when any server of the country is on a network the catalog does not list as a CDN', () => {
      const flows = [onAkamai('2.22.1.1', 'www.ferguson.com', 'first-party'), to('5.6.7.8', 'NL')];
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows }));
      expect(finding).toMatchObject({ subject: 'NL', confidence: 'medium', title: 'Traffic to Netherlands, a country the policy does not name as a place data goes' });
      expect(finding?.explanation).not.toContain('usually sit near the user');
    });

    it("keeps medium on a cloud that also sells a CDN: Agora's node on Alibaba Cloud's Hangzhou network is in China", () => {
      const onAlibaba = attributedFlow({
        server: '47.96.20.30',
        attribution: { relation: 'recipient', host: 'ap-cn.agora.io', organisation: 'Agora, Inc.', network: { asn: 37963, asnOwner: 'Hangzhou Alibaba Advertising Co.,Ltd.', country: 'CN' } },
      });
      const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows: [onAlibaba] }));
      expect(finding).toMatchObject({ subject: 'CN', confidence: 'medium', title: 'Traffic to China, a country the policy does not name as a place data goes' });
    });
  });

  it('records the transfer statement that made a country of the traffic disclosed, with the region it names (trial9 item 27)', () => {
    const eea = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EEA'], unspecified: false, trigger: 'stored in the EEA', quote: 'Your data is stored in the EEA.' });
    const outcome = undisclosedCountry.review?.(buildView({ claims: [storedInUs(), eea], flows: [to('3.1.1.1', 'US'), to('3.120.0.1', 'DE'), to('3.120.0.2', 'DE')] }));
    expect(outcome?.findings).toEqual([]);
    expect(outcome?.suppressingMentions.map((m) => [m.country, m.region, m.transferStatement, m.quote])).toEqual([
      ['US', undefined, true, storedInUs().quote],
      ['DE', 'EEA', true, 'Your data is stored in the EEA.'],
    ]);
  });
});

