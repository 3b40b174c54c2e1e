import { describe, expect, it } from 'vitest';
import { reference } from '../../../test/helpers/coders.js';
import { buildLexicon } from './lexicon.js';

const lexicon = buildLexicon(reference.occupationAliases, reference.occupationComposition, reference.occupationItField);
const parse = (segment: string) => {
  const p = lexicon.parse(segment);
  return {
    head: p.head?.term.text,
    compositionHead: p.compositionHead?.term.text,
    domains: p.domains.map((d) => d.term.text),
    itSuppressed: p.setAside !== null,
    hits: p.hits.map((h) => h.term.text),
  };
};

describe('lexicon.parse', () => {
  it('finds the role head at the end of the title and the domains named before it', () => {
    expect(parse('注塑成型技术员')).toMatchObject({ compositionHead: '技术员', domains: ['注塑'] });
    expect(parse('汽车装配工')).toMatchObject({ head: '汽车装配', compositionHead: '工', domains: ['汽车'] });
    expect(parse('少儿编程老师')).toMatchObject({ compositionHead: '老师', domains: ['少儿编程'] });
  });

  it('takes the last role alias as the head (测试开发 in 测试开发工程师)', () => {
    expect(parse('测试开发工程师')).toMatchObject({ head: '测试开发', compositionHead: '工程师' });
  });

  // 整车测试工程师 and 电力运维工程师 are the examples of IT aliases firing on non-IT titles.
  it('sets IT aliases aside when a non-IT field names the domain, not when an IT word does', () => {
    expect(parse('整车测试工程师').itSuppressed).toBe(true);
    expect(parse('电力运维工程师').itSuppressed).toBe(true);
    expect(parse('大数据测试工程师').itSuppressed).toBe(false);
    expect(parse('数据仓库工程师').itSuppressed).toBe(false);
  });

  it('does not read an occupation that runs into a role word (电工 in 弱电工程师)', () => {
    expect(parse('弱电工程师').hits).not.toContain('电工');
    expect(parse('电工兼机修').hits).toContain('电工');
  });
});
