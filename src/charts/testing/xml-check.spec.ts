import { checkXml } from './xml-check';

describe('checkXml', () => {
  it('accepts a small well-formed SVG and reports its elements and text', () => {
    const r = checkXml(
      '<svg xmlns="http://www.w3.org/2000/svg"><g class="a"><text x=\'1\'>a &lt;b&gt; &amp; &#169;</text></g><path d="M0,0"/></svg>',
    );
    expect(r.ok).toBe(true);
    expect(r.root).toBe('svg');
    expect(r.elements.get('g')).toBe(1);
    expect(r.text).toEqual(['a <b> & ©']);
  });

  it.each([
    ['<svg><g></svg>', '</svg> does not close'],
    ['<svg><text>a < b</text></svg>', 'bad tag'],
    ['<svg><text>&nbsp;</text></svg>', 'bad entity'],
    ['<svg a="1" a="2"/>', 'duplicate attribute'],
    ['<svg a=1/>', 'no quoted value'],
    ['<svg a="<"/>', '"<" in the value'],
    ['<svg/><svg/>', 'second root'],
    ['<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', 'DOCTYPE'],
    ['<svg><text>\u0001</text></svg>', 'forbidden character'],
    ['<svg>', 'never closed'],
    ['text', 'text outside'],
  ])('refuses %j', (xml, error) => {
    const r = checkXml(xml);
    expect(r.ok).toBe(false);
    expect(r.error).toContain(error);
  });
});
