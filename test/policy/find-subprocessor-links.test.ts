import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/model/errors.js';
import { findSubprocessorLinks } from '../../src/policy/find-subprocessor-links.js';
import { loadPolicySnapshot } from '../../src/policy/load-policy-snapshot.js';
import { resolvePolicyLink } from '../../src/policy/resolve-policy-link.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

async function linksIn(name: string, content: string): Promise<{ href: string; text: string }[]> {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return findSubprocessorLinks(await loadPolicySnapshot(file));
}

describe('findSubprocessorLinks', () => {
  it('finds the link of the fixture policy by its text', async () => {
    const snapshot = await loadPolicySnapshot(join('test', 'fixtures', 'policies', 'subprocessors', 'privacy.html'));
    expect(findSubprocessorLinks(snapshot)).toEqual([{ href: 'subprocessors.html', text: 'list of our sub-processors' }]);
  });

  it('finds the sub-processor link of the real WeChat policy (Markdown) and none of its other links', async () => {
    const snapshot = await loadPolicySnapshot(join('..', 'shared', 'data', 'policies', 'WeChat_privacy-policy_2026-08-06.md'));
    expect(findSubprocessorLinks(snapshot)).toEqual([{ href: 'https://www.tencentcloud.com/document/product/1033/32281', text: 'sub-processors' }]);
  });

  it('finds a "here" link by the sentence around it, and a link by its URL path alone', async () => {
    const links = await linksIn(
      'policy.html',
      '<h2>Sharing</h2><p>A current list of our vendors is available <a href="/legal/list">here</a>.</p>' +
        '<p>See <a href="https://acme.example/trust/subprocessors">our trust centre</a>.</p>' +
        '<p>Read our <a href="/terms">terms</a> or click <a href="/help">here</a> for help.</p>',
    );
    expect(links.map((l) => l.href)).toEqual(['/legal/list', 'https://acme.example/trust/subprocessors']);
  });

  it('judges a "here" link by its own clause, not by another link\'s words in the same paragraph or line', async () => {
    const sentence = 'You can see a list of our partners [here](partners.html), and you can opt out of marketing [here](optout.html).';
    expect((await linksIn('policy.md', `${sentence}\n`)).map((l) => [l.href, l.foundByContext])).toEqual([['partners.html', true]]);
    const html = await linksIn(
      'policy.html',
      '<p>You can see a list of our partners <a href="partners.html">here</a>, and you can opt out of marketing <a href="optout.html">here</a>. ' +
        'Our cookie notice is <a href="cookies.html">here</a>. Click <a href="vendors.html">here</a> for the list of our vendors.</p>',
    );
    expect(html.map((l) => [l.href, l.foundByContext])).toEqual([['partners.html', true], ['vendors.html', true]]);
  });

  it('reads a paragraph of 60,000 links in one pass and still judges the last one by its own clause', async () => {
    const noise = Array.from({ length: 60_000 }, (_, i) => `word <a href="/p${i}">here</a>`).join(' ');
    const links = await linksIn('policy.html', `<p>${noise}. A list of our vendors is <a href="/vendors">here</a>.</p>`);
    expect(links).toEqual([{ href: '/vendors', text: 'here', foundByContext: true }]);
  });

  it('skips links to a place in the same document and counts a repeated link once', async () => {
    const links = await linksIn(
      'policy.md',
      'We use [sub-processors](#sub-processors) listed below, and the [sub-processor list](subprocessors.md) ([sub-processors](subprocessors.md)).\n',
    );
    expect(links).toEqual([{ href: 'subprocessors.md', text: 'sub-processor list' }]);
  });

  it('finds bare URLs in plain text when the line speaks of sub-processors', async () => {
    const links = await linksIn('policy.txt', 'Our sub-processors are listed at https://acme.example/legal/vendors.\nContact: https://acme.example/contact\n');
    expect(links.map((l) => l.href)).toEqual(['https://acme.example/legal/vendors']);
  });
});

describe('resolvePolicyLink', () => {
  it('resolves relative and absolute links against a policy URL, without the fragment', () => {
    expect(resolvePolicyLink('https://acme.example/legal/privacy', 'subprocessors#eu')).toBe('https://acme.example/legal/subprocessors');
    expect(resolvePolicyLink('https://acme.example/legal/privacy', '/trust/vendors')).toBe('https://acme.example/trust/vendors');
    expect(resolvePolicyLink('https://acme.example/legal/privacy', 'http://other.example/list')).toBe('http://other.example/list');
  });

  it('resolves a relative link of a local file to a file beside it, and keeps absolute http(s) links', () => {
    expect(resolvePolicyLink(join('policies', 'acme', 'privacy.html'), 'legal/sub%20processors.html')).toBe(join('policies', 'acme', 'legal', 'sub processors.html'));
    expect(resolvePolicyLink('privacy.html', 'https://acme.example/subprocessors')).toBe('https://acme.example/subprocessors');
  });

  it('refuses other schemes, root-relative links of a local file and links out of its folder', () => {
    for (const href of ['javascript:alert(1)', 'mailto:privacy@acme.example', 'file:///etc/passwd', 'data:text/html,<p>x</p>', 'ftp://acme.example/list']) {
      expect(() => resolvePolicyLink('https://acme.example/privacy', href), href).toThrow(PolicyError);
    }
    expect(() => resolvePolicyLink('https://acme.example/privacy', 'javascript:alert(1)')).toThrow(/URL scheme "javascript:"/);
    expect(() => resolvePolicyLink(join('policies', 'privacy.html'), '/legal/subprocessors')).toThrow(/web site's root/);
    expect(() => resolvePolicyLink(join('policies', 'privacy.html'), '../../home/user/.ssh/id_rsa')).toThrow(/out of the policy's folder/);
  });

  it('refuses a file: link hidden by characters a URL parser strips (tab, newline, leading control characters)', async () => {
    for (const href of ['fi\tle:///etc/passwd', 'fi\nle:///etc/passwd', '\u0001file:///etc/passwd', ' \u001ffile:///etc/passwd', 'java\tscript:alert(1)']) {
      expect(() => resolvePolicyLink('https://acme.example/legal/privacy', href), JSON.stringify(href)).toThrow(/refusing to follow a link with the URL scheme "(file|javascript):"/);
      expect(() => resolvePolicyLink(join('policies', 'privacy.html'), href), JSON.stringify(href)).toThrow(/refusing to follow a link with the URL scheme "(file|javascript):"/);
    }
    // As written in a hostile page: the entity decodes to a tab inside "file".
    const [link] = await linksIn('policy.html', '<p>Our <a href="fi&#9;le:///etc/passwd">sub-processors</a>.</p>');
    expect(link?.href).toBe('fi\tle:///etc/passwd');
    expect(() => resolvePolicyLink('https://acme.example/privacy', link?.href ?? '')).toThrow(/URL scheme "file:"/);
  });

  it('refuses a link through a symbolic link that leads out of the folder', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'policy'));
    writeFileSync(join(dir, 'secret.txt'), 'not a policy');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'policy', 'subprocessors.html'));
    expect(() => resolvePolicyLink(join(dir, 'policy', 'privacy.html'), 'subprocessors.html')).toThrow(/out of the policy's folder/);
  });
});
