#!/usr/bin/env python3
"""Extract the occupations each vocational major's 职业面向 names in the 《职业教育专业简介（2022年修订）》.

Usage: python3 extract_orientation.py <git dir> [commit] > major_orientation_named.csv

Reads the markdown conversion of the 专业简介 in flyboat403/occupation-analysis
(`assets/moe_pdfs_md/`, one file per 专业类) straight from a git directory, and writes
`catalog,major_code,major_name,named,position`: one row per occupation name that a major's
职业面向 paragraph names before 等职业 (or 职业), in the order written. Counts go to stderr.

Standard library only. The output depends on the commit and on two lists of the project: the
major lists (`../../major/{zhongzhi,gaozhi,zhiben}_2021.csv`), which name the majors whose
专业代码/专业名称 lines the conversion lost (by their place among their 专业类's codes), and the
大典 list (`../../occupation/csco_2022.csv`), whose names written with 、 or 和 stay whole.
"""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

COMMIT = 'a935db42e13085633d828f0b468962933a20dcb7'
FOLDER = 'assets/moe_pdfs_md/'
REFERENCE = Path(__file__).resolve().parents[2]
CATALOG_FILES = (('中职', 'zhongzhi_2021.csv'), ('高职专科', 'gaozhi_2021.csv'), ('职业本科', 'zhiben_2021.csv'))
CATALOG_BY_DIGIT = {'2': '职业本科', '3': '职业本科', '4': '高职专科', '5': '高职专科', '6': '中职', '7': '中职'}
CATALOG_ORDER = {'中职': 0, '高职专科': 1, '职业本科': 2}

CODE_LINE = re.compile(r'^专业代码\s*(\d{6})K?$')
NAME_LINE = re.compile(r'^专业名称\s*(.+)$')
ORIENTATION_HEADING = re.compile(r'^#*\s*职业面向$')
# The paragraph ends at the next heading; a few headings lost their '#' in the conversion.
PARAGRAPH_END = re.compile(r'^(#|培养目标|主要专业能力要求|专业代码|专业名称)')
# "面向A、B等职业，…岗位（群）": the list runs to the first 职业 that closes it. 职业 inside a
# phrase (职业健康安全管理) is no such end, hence the look-ahead.
NAMED_LIST = re.compile(r'^(?:本专业|主要)?面向(.*?)(?:等)?\s*职业(?=[，,。；;的]|$)')

# A qualifier that places the whole list in an industry or body ("…行业的", "监狱机关的"), or
# one item ("电力生产的发电工程技术人员"). The suffixes are the words such qualifiers end on.
QUALIFIER_SUFFIX = r'(?:行业|业|企业|领域|领域相关|机关|机构|组织|社区|供应|生产|活动中)'
ITEM_QUALIFIER = re.compile(r'^[^、，,]*?' + QUALIFIER_SUFFIX + r'的(?=.)')
LIST_QUALIFIER = re.compile(
    r'^(?:[^的]*?' + QUALIFIER_SUFFIX + r'的|在[^，,的]*的|各行业、各领域|[^的]*?行业，从事)(?=.)'
)
# Words an occupation name ends on; a prefix that holds one before the qualifier's 的 is an
# occupation of its own and is not dropped with the qualifier.
PERSON = re.compile(r'(?<!施)(?<!加)(?<!化)(员|工|师|者|生|士|人|医|官|手|警察|家|长|模特|经理|主管|编辑|秘书|助理|司机|童|顾问)$')
# 和/与/及 join two names when both sides are names of persons (焊接工程技术人员和焊工); inside
# a name they join its subjects (电力生产和供应人员) and stay.
CONJUNCTION = re.compile(r'以及|和|与|及')
OPEN_BRACKETS = '（('
CLOSE_BRACKETS = '）)'
SEPARATORS = '、，,'
# Names that hold a separator and are one occupation, besides the 2022 大典 names: two
# 2015-edition names the 专业简介 still uses, and one item it writes with 、.
EXTRA_SINGLE_NAMES = (
    '交通运输、仓储和邮政业服务人员',
    '泵、压缩机、阀门及类似机械制造人员',
    '民用航空器及部件维护、修理人员',
)


def git(git_dir, *args):
    return subprocess.run(['git', '--git-dir', git_dir, *args], check=True, capture_output=True).stdout


def read_majors():
    """code -> (catalog, name, 专业类 code) for every major (level 专业) of the three lists."""
    majors = {}
    for catalog, file in CATALOG_FILES:
        with open(REFERENCE / 'major' / file, encoding='utf-8', newline='') as f:
            for row in csv.DictReader(f):
                if row['level'] == '专业':
                    code = row['code'].rstrip('K')
                    majors[code] = (catalog, row['name'], code[:4])
    return majors


def read_single_names():
    with open(REFERENCE / 'occupation' / 'csco_2022.csv', encoding='utf-8', newline='') as f:
        names = {row['name'] for row in csv.DictReader(f)}
    names.update(EXTRA_SINGLE_NAMES)
    return sorted((n for n in names if any(c in n for c in SEPARATORS + '和与及')), key=len, reverse=True)


def sections(text):
    """The majors of one file in order: dicts with code (None where the header was lost), name, paragraph."""
    lines = [line.strip() for line in text.split('\n')]
    out = []
    current = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = CODE_LINE.match(line)
        if m:
            current = {'code': m.group(1), 'name': None, 'paragraph': None}
            out.append(current)
            i += 1
            continue
        m = NAME_LINE.match(line)
        if m and current is not None and current['name'] is None:
            current['name'] = m.group(1).strip(' \u3000')
        if ORIENTATION_HEADING.match(line):
            if current is None or current['paragraph'] is not None:
                # A second 职业面向 under one header: the next major's 专业代码/专业名称 lines were lost.
                current = {'code': None, 'name': None, 'paragraph': None}
                out.append(current)
            parts = []
            j = i + 1
            while j < len(lines) and not PARAGRAPH_END.match(lines[j]):
                if lines[j]:
                    parts.append(lines[j])
                j += 1
            current['paragraph'] = ''.join(parts)
            i = j
            continue
        i += 1
    return out


def assign_lost_headers(file, found, majors, warnings):
    """Give each section whose header was lost the major of its 专业类 that the source lacks and that
    sits between the neighbouring codes, when the gap holds exactly as many missing majors as lost headers."""
    present = {s['code'] for s in found if s['code']}
    k = 0
    while k < len(found):
        if found[k]['code']:
            k += 1
            continue
        start = k
        while k < len(found) and not found[k]['code']:
            k += 1
        before = found[start - 1]['code'] if start > 0 else None
        after = found[k]['code'] if k < len(found) else None
        group = (before or after)[:4] if (before or after) else None
        missing = sorted(
            c for c, (_, _, cls) in majors.items()
            if cls == group and c not in present and (before is None or c > before) and (after is None or c < after)
        )
        lost = found[start:k]
        if len(missing) != len(lost):
            warnings.append(f'{file}: {len(lost)} section(s) without header between {before} and {after}, '
                            f'{len(missing)} major(s) missing there; left out')
            continue
        for section, code in zip(lost, missing):
            section['code'] = code
            section['name'] = majors[code][1]
            section['inferred'] = True


def split_outside(text, protected, is_split_point):
    """Split text at the positions is_split_point accepts, never inside brackets or a protected name."""
    shielded = [False] * len(text)
    for name in protected:
        start = text.find(name)
        while start >= 0:
            for p in range(start, start + len(name)):
                shielded[p] = True
            start = text.find(name, start + 1)
    pieces = []
    depth = 0
    last = 0
    p = 0
    while p < len(text):
        ch = text[p]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif depth == 0 and not shielded[p]:
            width = is_split_point(text, p)
            if width:
                pieces.append(text[last:p])
                last = p + width
                p = last
                continue
        p += 1
    pieces.append(text[last:])
    return pieces


def separator_at(text, p):
    return 1 if text[p] in SEPARATORS else 0


def conjunction_splits(item, protected):
    def at(text, p):
        m = CONJUNCTION.match(text, p)
        if not m:
            return 0
        # Both sides must end on a person word; the alternation tries 以及 before 及.
        return len(m.group(0)) if PERSON.search(text[:p]) and PERSON.search(text[m.end():]) else 0
    pieces = split_outside(item, protected, at)
    # A later conjunction only splits the rest, so each piece must end on a person word too.
    if len(pieces) > 1 and all(PERSON.search(piece) for piece in pieces):
        return pieces
    return [item]


def named_occupations(paragraph, protected):
    m = NAMED_LIST.match(paragraph)
    if not m:
        return []
    text = re.sub(r'\s+', '', m.group(1))
    q = LIST_QUALIFIER.match(text)
    if q and not any(PERSON.search(part) for part in re.split('[、，,]', q.group(0).rstrip('的'))[:-1]):
        text = text[q.end():]
    names = []
    for item in split_outside(text, protected, separator_at):
        item = item.strip()
        if not item:
            continue
        q = ITEM_QUALIFIER.match(item)
        if q:
            item = item[q.end():]
        names.extend(conjunction_splits(item, protected))
    return names


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    git_dir = argv[1]
    commit = argv[2] if len(argv) == 3 else COMMIT
    majors = read_majors()
    protected = read_single_names()
    listing = git(git_dir, 'ls-tree', '-z', '--name-only', commit, FOLDER).split(b'\0')
    files = sorted(p for p in listing if p.endswith(b'.md'))
    warnings = []
    read = {}
    rows = []
    for path in files:
        text = git(git_dir, 'show', commit + ':' + path.decode('utf-8')).decode('utf-8')
        found = sections(text)
        if any(not s['code'] for s in found):
            assign_lost_headers(path.decode('utf-8'), found, majors, warnings)
        for s in found:
            code = s['code']
            if not code:
                continue
            catalog = CATALOG_BY_DIGIT[code[0]]
            if code not in majors or majors[code][0] != catalog:
                warnings.append(f'{code} {s["name"]}: no major of {catalog}')
                continue
            if (catalog, code) in read:
                warnings.append(f'{code} {s["name"]}: read twice; the first is kept')
                continue
            read[(catalog, code)] = s
            if s['name'] != majors[code][1]:
                warnings.append(f'{code}: named {s["name"]} in the source, {majors[code][1]} in the list')
            for position, named in enumerate(named_occupations(s['paragraph'] or '', protected), 1):
                rows.append((catalog, code, majors[code][1], named, position))
    rows.sort(key=lambda r: (CATALOG_ORDER[r[0]], r[1], r[4]))
    out = io.StringIO()
    w = csv.writer(out, lineterminator='\n')
    w.writerow(['catalog', 'major_code', 'major_name', 'named', 'position'])
    w.writerows(rows)
    sys.stdout.write(out.getvalue())

    inferred = sorted((k for k, s in read.items() if s.get('inferred')), key=lambda k: (CATALOG_ORDER[k[0]], k[1]))
    absent = sorted(c for c, (cat, _, _) in majors.items() if (cat, c) not in read)
    with_rows = {(r[0], r[1]) for r in rows}
    for message in warnings:
        print('warning: ' + message, file=sys.stderr)
    for catalog in CATALOG_ORDER:
        listed = sum(1 for c, v in majors.items() if v[0] == catalog)
        n_read = sum(1 for k in read if k[0] == catalog)
        n_inf = sum(1 for k in inferred if k[0] == catalog)
        n_named = sum(1 for k in with_rows if k[0] == catalog)
        n_rows = sum(1 for r in rows if r[0] == catalog)
        print(f'{catalog}: {listed} majors listed, {n_read} read ({n_inf} under a lost header), '
              f'{n_named} name occupations, {n_rows} names', file=sys.stderr)
    print(f'total: {len(read)} majors read, {len(with_rows)} with named occupations, {len(rows)} names', file=sys.stderr)
    print('header lost, major inferred from its place: ' + ' '.join(k[1] for k in inferred), file=sys.stderr)
    no_paragraph = sorted((k for k, s in read.items() if s['paragraph'] is None), key=lambda k: (CATALOG_ORDER[k[0]], k[1]))
    print('read without a 职业面向 paragraph: ' + ' '.join(k[1] for k in no_paragraph), file=sys.stderr)
    print('not in the source: ' + ' '.join(absent), file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv)
