import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sourceMappingSchema, type SourceMapping, type SourceMappingInput } from '@talent/models';

/** Enrollment returns as a school sends them: Chinese headers, one row per major and year. */
export const ENROLLMENT_MAPPING: SourceMapping = sourceMappingSchema.parse({
  source: 'test_enrollment',
  kind: 'enrollment',
  description: 'School enrollment spreadsheet (test).',
  files: ['enrollment/*.csv'],
  format: 'csv',
  columns: {
    school_name: ['学校名称'],
    school_code: ['学校代码', '学校标识码'],
    school_level: ['办学层次'],
    major_code: ['专业代码'],
    major_name: ['专业名称'],
    year: ['年份'],
    enrolled_new: ['招生数'],
    enrolled_total: ['在校生数'],
    graduates: ['毕业生数'],
  },
  period: { from: 'filename', pattern: '(\\d{4})' },
  replace: 'replace',
} satisfies SourceMappingInput);

export const ENROLLMENT_HEADER = '学校名称,学校代码,办学层次,专业代码,专业名称,年份,招生数,在校生数,毕业生数';
export const ENROLLMENT_ROWS = [
  '柳州职业技术学院,4145012104,高职专科,460701,汽车制造与试验技术,2024,120,350,98',
  '柳州职业技术学院,4145012104,高职专科,460702,新能源汽车技术,2024,200,540,150',
  '柳州职业技术学院,4145012104,高职专科,460703,汽车电子技术,2024,80,230,71',
];

/** Postings as a board exports them. */
export const POSTING_MAPPING: SourceMapping = sourceMappingSchema.parse({
  source: 'test_board',
  kind: 'job_posting',
  description: 'Job board export (test).',
  files: ['postings/*.csv'],
  format: 'csv',
  columns: {
    title: ['职位名称'],
    company: ['公司名称'],
    location_text: ['工作地点'],
    salary_text: ['薪资'],
    education_text: ['学历'],
    experience_text: ['经验'],
    posted_date: ['发布日期'],
  },
} satisfies SourceMappingInput);

export const POSTING_HEADER = '职位名称,公司名称,工作地点,薪资,学历,经验,发布日期';
const TITLES = ['汽车装调工', '数控车工', '电工', 'Python开发工程师', '会计', '营销员', '仓库管理员', '焊工'];
const COMPANIES = ['上汽通用五菱汽车股份有限公司', '柳州欧维姆机械股份有限公司', '广西柳工机械股份有限公司', '柳州螺霸王食品有限公司'];
const PLACES = ['柳州-柳南区', '柳州-鱼峰区', '南宁-青秀区', '桂林-七星区'];
const PAY = ['4-6千', '5000-8000元/月', '6-9K', '1-1.5万', '面议'];

/** `n` realistic posting lines (CSV, no header), deterministic. */
export function postingLines(n: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = offset; i < offset + n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    out.push(
      [
        `${TITLES[i % TITLES.length]}${i % 97}`,
        COMPANIES[i % COMPANIES.length],
        PLACES[i % PLACES.length],
        PAY[i % PAY.length],
        i % 3 ? '大专' : '本科',
        `${i % 5}年`,
        `2025-0${(i % 9) + 1}-${day}`,
      ].join(','),
    );
  }
  return out;
}

export function writeUtf8(dir: string, name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

export function writeGbk(dir: string, name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  return p;
}
