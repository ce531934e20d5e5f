import { counted, sig3, userText, wrap } from './chart-common';

describe('userText', () => {
  it('keeps markup as text for the renderer to escape, on one line, without characters XML cannot carry', () => {
    expect(userText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(userText('a\u0000b\u0007c\n\td\u202Ee')).toBe('abc de');
    expect(userText('ok \uD800 lone')).toBe('ok lone');
    expect(userText('emoji 💥 stays')).toBe('emoji 💥 stays');
  });

  it('cuts long names with an ellipsis and treats absent text as empty', () => {
    expect([...userText('x'.repeat(100))]).toHaveLength(60);
    expect(userText('x'.repeat(100)).endsWith('…')).toBe(true);
    expect(userText(undefined)).toBe('');
  });
});

describe('wrap, sig3 and counted', () => {
  it('wraps at word boundaries into at most the given lines', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrap('aa bb cc dd ee ff', 5, 2)).toEqual(['aa bb', 'cc d…']);
  });

  it('prints three significant digits without trailing zeros', () => {
    expect(sig3(0.3)).toBe('0.3');
    expect(sig3(1.23456)).toBe('1.23');
    expect(sig3(48.64)).toBe('48.6');
    expect(sig3(12345.6)).toBe('12,346');
  });

  it('counts with the noun plural unless one', () => {
    expect(counted(1, 'line')).toBe('1 line');
    expect(counted(0, 'GPU')).toBe('0 GPUs');
    expect(counted(2, 'more line')).toBe('2 more lines');
  });
});
