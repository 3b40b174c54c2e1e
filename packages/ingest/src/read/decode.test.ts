import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sharedReference } from '../../test/helpers/coders.js';
import { decodeLine, looksBinary, repairMojibake, EncodingTally } from './decode.js';

const samples = join(sharedReference(), 'job_postings');

describe('decoding', () => {
  it('repairs the lagou sample, whose GBK text was read as Latin-1 and saved as UTF-8', () => {
    const bytes = readFileSync(join(samples, 'lagou_2017_dataanalyst_MOJIBAKE_g2thend.csv'));
    const secondLine = bytes.subarray(bytes.indexOf(0x0a) + 1, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1));
    const { text, kind } = decodeLine(secondLine);
    expect(kind).toBe('mojibake');
    // SOURCES.md: `ÉÏº£` = 上海, the first column of the first data row.
    expect(text.split(',')[0]).toBe('上海');
    expect(text).toContain('数据分析师');
  });

  it('reads the GB18030 51job sample header without being told the encoding', () => {
    const bytes = readFileSync(join(samples, '51job_2019_bigdata_GB18030_cugwhzenith.csv'));
    const header = decodeLine(bytes.subarray(0, bytes.indexOf(0x0a)));
    expect(header.kind).toBe('gb');
    expect(header.text.trim()).toBe('职位,薪资,公司,公司信息,公司地址,地区,工作经验,学历,人数,时间,岗位信息');
  });

  it('leaves genuine Latin-1 and plain UTF-8 text alone', () => {
    expect(repairMojibake('Café Résumé')).toBeNull();
    expect(decodeLine(Buffer.from('柳州-柳南区,5-8千\n', 'utf8'))).toEqual({ text: '柳州-柳南区,5-8千\n', kind: 'utf8' });
    expect(decodeLine(iconv.encode('柳州-柳南区\n', 'gbk')).text).toBe('柳州-柳南区\n');
  });

  it('labels a file that mixes encodings', () => {
    const t = new EncodingTally();
    t.add('utf8');
    t.add('gb');
    expect(t.label()).toBe('mixed');
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(true);
    expect(looksBinary(iconv.encode('职位名称,公司名称\r\n', 'gbk'))).toBe(false);
  });
});
