/**
 * Job title → the text that names the role. Real boards wrap the role in an employer prefix and a
 * recruiting verb (`某某公司招聘木工`), brackets (`（五险一金）`), pay and benefits (`底薪5k+包吃住`),
 * places (`-长沙`), requisition numbers (`(J10817)`) and seniority (`高级`, `实习`); the cleaner keeps
 * the role and sets the bracketed and prefixed text aside, where it may still name a domain.
 */
import type { LocationMatcher } from '../location.js';
import { toHalfWidth, unwrapListLiteral } from '../text.js';

/** A cleaned title. */
export interface CleanTitle {
  /** The role text: the segments joined with `/`. */
  core: string;
  /** Parts of the title separated by `/`, `、`, `+`, `兼`, spaces and dashes (each cleaned, none empty). */
  segments: string[];
  /** Bracketed text and an employer prefix dropped before a recruiting verb. */
  asides: string[];
  /** The title marks an intern, trainee or apprentice post (`实习`, `见习`). */
  intern: boolean;
  /** The title marks seniority (`高级`, `资深`). */
  senior: boolean;
}

const ENTITIES: [RegExp, string][] = [
  // Language names that hold separator characters, kept whole.
  [/c\+\+/g, 'cpp'],
  [/c#/g, 'csharp'],
  [/\.net\b/g, 'dotnet'],
  [/&amp;/g, '&'],
  [/&nbsp;/g, ' '],
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
  [/&#\d+;/g, ' '],
];
/** `+`, `#`, `.` and `&`: one of them is in every text an entity rule changes. */
const ENTITY_CHAR = /[+#.&]/;
const BRACKET = /\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|《([^《》]*)》|「([^「」]*)」|<([^<>]*)>|〔([^〔〕]*)〕/;
const BRACKET_CHARS = /[()[\]【】《》「」<>〔〕]/g;
/** Recruitment drives name no role (`2020校园招聘`); 招聘会 is no drive where 会 starts the role (招聘会计助理). */
const DRIVE = /(校园招聘|社会招聘|校招|社招|春招|秋招|暑期招聘|招聘会(?![计员展务])|招聘简章|招聘启事)/g;
/** Recruiting verbs: what precedes them is the employer, what follows them the role. */
const RECRUIT = /(高薪诚聘|高薪招聘|高薪聘请|高薪聘|诚聘|急聘|急招|诚招|直招|热招|特招|直聘|聘请|招聘|招募)/;
/** After 招聘, these make 招聘 the role itself (招聘专员, 招聘经理), not a verb. */
const RECRUITER = /^\s*(专员|经理|主管|顾问|助理|总监|负责人|组长|官|岗|实习生|hr|师|渠道)/;
const RECRUIT_CHAR = /[招聘]/;
const DIGIT = /\d/;
const LEAD_VERB = /^(招|聘)(?!商|生|标|投|聘|募)/;
/** Pay words and their figures; 工资 and 薪资 stay where they are part of a role (施工资料员, 薪资核算专员). */
const PAY =
  /(月薪|年薪|底薪|综合薪资|月综合|综薪|薪资(?!专员|核算)|薪水|工资(?!料|专员|核算)|均薪|保底|无责任底薪|无责底薪|无责任|无责|月入|年入|日入|日赚|收入|时薪|日薪)\s*[\d.]*\s*(k|w|千|万|元)?(\s*[-~至到]\s*[\d.]+\s*(k|w|千|万|元)?)?(以上|起|左右)?\+?/g;
const MONEY =
  /[\d.]+\s*(k|w|千|万|元|块)(\s*[-~至到]\s*[\d.]+\s*(k|w|千|万|元|块)?)?(\s*\/?\s*(月|年|天|日|小时|时|单))?(以上|起|左右)?\+?/g;
/** Day and hour rates written without a unit, as factory and gig boards write them (`350/天`, `190一天`, `22-23一小时`). */
const RATE = /[\d.]+(\s*[-~至到]\s*[\d.]+)?\s*(\/|一|每)\s*(天|日|小时|个小时|时|单)/g;
const BIG_NUMBER = /(^|[^a-z\d])\d{3,}\+?(?![a-z\d])/g;
const COHORT = /\d{2,4}\s*(届|年)/g;
const BENEFITS = new RegExp(
  [
    '包吃住',
    '包食宿',
    '包住宿',
    '包三餐',
    '包吃',
    '包住',
    '包餐',
    '提供住宿',
    '住宿补贴',
    '住宿',
    '[五六七]险[一二]金',
    '[五六七]险',
    '[一二]金',
    '社保',
    '周末双休',
    '双休',
    '单休',
    '做五休二',
    '做六休一',
    '上五休二',
    '五天八小时',
    '\\d天\\d小时',
    '\\d小时',
    '朝九晚[五六]',
    '不加班',
    '加班少',
    '弹性工作制?',
    '高额提成',
    '高提成',
    '提成',
    '年终奖',
    '奖金',
    // 薪酬绩效 and 绩效专员 name an HR role, not a bonus.
    '(?<!薪酬)绩效(?!专员|主管|经理|考核)',
    '餐补',
    '房补',
    '补贴',
    '带薪培训',
    '免费培训',
    '培训齐全',
    '晋升空间大',
    '晋升快',
    '晋升',
    '上市公司',
    '国企',
    '央企',
    '外企',
    '名企',
    '急聘',
    '急招',
    '急需',
    '急急急',
    '急急',
    '长期稳定',
    '稳定',
    '无经验',
    '经验不限',
    '无需经验',
    '可兼职',
    '兼职',
    '全职',
    '应届毕业生',
    '应届生',
    '毕业生',
    '应届',
    '优先',
    '就近分配',
    '就近安排',
    '就近',
    '地铁口',
    '交通便利',
    '环境好',
    '轻松',
    '高福利',
    '福利好',
    '福利',
    '待遇优厚',
    '待遇好',
    '薪资面议',
    '面议',
    '上不封顶',
    '月入过万',
    '过万',
    '高底薪',
    '高薪',
    '若干名?',
    '数名',
    '\\d+名',
    '\\d+人',
    '可转正',
    '常年招聘',
    '长期招聘',
    '大量招聘',
    '大量',
    '置顶',
    // Shifts, hiring conditions and pay days of factory and gig boards (长白班, 免体检, 日结, 可预支); 居家 and
    // 在家 alone stay, since 居家保洁 and 居家养老 name the work.
    '(长期|长)?白班',
    '夜班',
    '两班倒',
    '倒班',
    '坐班',
    '坐岗',
    '做一休一',
    '(免|不|无需)体检',
    '不[查看]纹身',
    '可?接受小白',
    '小白可做',
    '[0零无]?押金',
    '[0零]元入职',
    '无费用入职',
    // 工资 after 预支 is gone by now (PAY).
    '可?预支',
    '当天结',
    '走结清',
    '结清',
    '可?[日周]结',
    '月结',
    '空调宿舍',
    // 宿舍管理员 and 宿管 name the work.
    '宿舍(?!管)',
    '\\d人间',
    '时间自由',
    '不早起',
    '不熬夜',
    '每天',
    '(可?居家|在家)办公',
  ].join('|'),
  'g',
);
/**
 * Seniority and trainee marks; 储备 X is an X in training (储备干部 keeps 干部: it names no role). 初级中学 and
 * 高级中学 are school stages (the 大典's 初级中学教师, 高级中学教师), not ranks.
 */
const SENIOR = /((?:高级|初级)(?!中学)|资深|中级|储备(?!干部))/g;
const SENIOR_WORD = /(?:高级|初级)(?!中学)|资深|中级/;
const INTERN = /(实习生|实习|见习生|见习)/g;
const INTERN_WORD = /实习|见习/;
const REQUISITION = /(^|[^a-z])[a-z]{0,3}\d{4,}[a-z]?\d*(?![a-z])/g;
const TRAILING_POST = /(岗位|岗|职位)$/;
const PUNCTUATION = /[*#!！?？.。'"“”‘’`^=]+/g;
const SEPARATOR = /[/／、,，;；|+＋&＆·•丨\\_~～:：—–]+|-+|兼(?!职)|\s+/;
const HAS_TEXT = /[\p{L}]/u;
const LATIN_SPACE = /(?<=[a-z.#+]) (?=[a-z])/g;
/** Characters spaced out one by one (`司 机`, `办 公 文 员`) are one word. */
const SPACED_CHARS = /(?<=(?:^|\s)[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff](?:\s|$))/g;

/** Removes every bracketed part (innermost first), collecting their text. */
function takeBrackets(text: string, asides: string[]): string {
  let t = text;
  for (let m = BRACKET.exec(t); m; m = BRACKET.exec(t)) {
    const inner = m.slice(1).find((g) => g !== undefined) ?? '';
    if (inner.trim()) asides.push(inner.trim());
    t = t.slice(0, m.index) + ' ' + t.slice(m.index + m[0].length);
  }
  return t.replace(BRACKET_CHARS, ' ');
}

/** Drops the employer before a recruiting verb (kept aside) and the verb itself. */
function dropRecruiting(text: string, asides: string[]): string {
  let t = text.replace(DRIVE, ' ');
  let from = 0;
  for (let guard = 0; guard < 4; guard++) {
    const m = RECRUIT.exec(t.slice(from));
    if (!m) break;
    const at = from + m.index;
    const after = t.slice(at + m[0].length);
    if (m[0] === '招聘' && RECRUITER.test(after)) {
      from = at + m[0].length;
      continue;
    }
    const before = t.slice(0, at);
    if (HAS_TEXT.test(after)) {
      if (HAS_TEXT.test(before)) asides.push(before.trim());
      t = after;
      from = 0;
    } else {
      t = before;
      break;
    }
  }
  return t;
}

/**
 * A segment without its place: null when it is a place name and nothing else (`北京`, `长沙市`,
 * `浦东新区`); a glued leading city or province is dropped where the boundary is plain
 * (`北京java开发`, `柳州市招聘…`).
 */
function withoutPlace(segment: string, location: LocationMatcher | undefined): string | null {
  if (!location || segment.length < 2) return segment;
  const m = location(segment);
  if (!m.matched) return segment;
  if (m.rest === '') return null;
  if (m.rest.length < 2 || !segment.endsWith(m.rest)) return segment;
  if (m.level !== 'city' && m.level !== 'province') return segment;
  const place = segment.slice(0, segment.length - m.rest.length);
  return /^[a-z0-9]/.test(m.rest) || /[市省]$/.test(place) ? m.rest : segment;
}

/**
 * Cleans a job title. The location matcher, when given, recognises place segments to drop.
 * @example cleanTitle('某某公司招聘木工（包吃住）').core // '木工'
 * @example cleanTitle('高级Java开发工程师-北京', location).core // 'java开发工程师'
 */
export function cleanTitle(raw: string, location?: LocationMatcher): CleanTitle {
  let t = toHalfWidth(unwrapListLiteral(raw)).toLowerCase();
  // Most titles hold no character an entity starts or ends with: one test skips every pass.
  if (ENTITY_CHAR.test(t)) for (const [re, to] of ENTITIES) t = t.replace(re, to);
  const asides: string[] = [];
  t = takeBrackets(t, asides);
  // Most titles hold no digit and no recruiting verb: the checks skip whole passes.
  const digits = DIGIT.test(t);
  t = t.replace(PAY, ' ');
  if (digits) t = t.replace(MONEY, ' ').replace(RATE, ' ').replace(COHORT, ' ');
  t = t.replace(BENEFITS, ' ');
  if (RECRUIT_CHAR.test(t)) t = dropRecruiting(t, asides);
  if (digits) t = t.replace(BIG_NUMBER, '$1 ').replace(REQUISITION, '$1 ');
  const senior = SENIOR_WORD.test(t);
  t = t.replace(SENIOR, ' ');
  const intern = INTERN_WORD.test(t) || asides.some((a) => INTERN_WORD.test(a));
  const withoutIntern = t.replace(INTERN, ' ');
  if (HAS_TEXT.test(withoutIntern)) t = withoutIntern;
  t = t.replace(LATIN_SPACE, '\u0000').replace(SPACED_CHARS, '');
  const latinSpaces = t.includes('\u0000');
  const segments: string[] = [];
  for (const part of t.split(SEPARATOR)) {
    let s = (latinSpaces ? part.replaceAll('\u0000', ' ') : part).trim();
    s = s.replace(LEAD_VERB, '').replace(PUNCTUATION, '');
    // 岗位, 岗, 职位 after a role of two characters or more.
    if (s.endsWith('岗') || s.endsWith('位')) s = s.replace(TRAILING_POST, (m, _g, i: number) => (i >= 2 ? '' : m));
    s = s.trim();
    if (!HAS_TEXT.test(s)) continue;
    const kept = withoutPlace(s, location);
    if (kept !== null) segments.push(kept);
  }
  return { core: segments.join('/'), segments, asides, intern, senior };
}
