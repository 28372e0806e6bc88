//! The `segment` stage: finds the tables in a report's lines. A table starts
//! at a line whose title names a catalog table, or at tab-separated rows
//! after prose (an `other` table titled by that prose); it runs over page
//! breaks, repeated titles and preamble lines, and ends at prose such as
//! `注：`, and a page that extraction cut to fewer cells goes back under
//! its columns (`narrow`). Reading rows into columns is `parse`'s job.

use crate::config::raw::Detect;
use crate::config::{Pipeline, TableSpec};
use crate::detect::{after_unit_prefix, is_cut_money_unit, money_unit};
use crate::model::{MoneyUnit, ReportKind};
use crate::text;
use std::borrow::Cow;

mod cut;
mod narrow;

/// One tab-separated line of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based source line.
    pub line: u32,
    /// Cells as printed.
    pub cells: Vec<String>,
}

/// One table as found in the text.
#[derive(Debug, Clone)]
pub struct Block<'p> {
    /// The catalog table, `None` for `other`.
    pub spec: Option<&'p TableSpec>,
    /// The printed title (or the prose line before an untitled table).
    pub title: String,
    /// 1-based line of the title.
    pub title_line: u32,
    /// Money unit printed in the table's preamble.
    pub money_unit: Option<MoneyUnit>,
    /// Rows in order, over every page.
    pub rows: Vec<Row>,
    /// First lines of text between two rows that hold an amount: a row
    /// extracted without TABs (bjtjj `4226-国民经济核算 66.486000 66.486000
    /// …` in a performance table, whose project the rows around it may be;
    /// jsgy `会议费 110.05` atop a page cut to fewer cells).
    pub spills: Vec<u32>,
}

/// Splits a report into tables. `report` breaks ties between catalog tables
/// of different report kinds that share a title; `unit`, the reporting
/// unit, may open a title (长沙市某某中心收入决算表).
pub fn segment<'p>(
    lines: &[&str],
    pipeline: &'p Pipeline,
    report: Option<ReportKind>,
    unit: Option<&str>,
) -> Vec<Block<'p>> {
    let running = running_headers(lines);
    let mut s = Segmenter {
        pipeline,
        report,
        unit: unit.map(text::title_key).filter(|u| !u.is_empty()),
        running,
        blocks: vec![],
        open: false,
        last_prose: (String::new(), 0),
        preamble_above: false,
        cut_unit: None,
        loose_unit: None,
        gap_ends_table: false,
        spill: None,
    };
    for (i, raw) in cut::uncut(lines).iter().enumerate() {
        let line = (i + 1) as u32;
        if raw.contains('\t') {
            s.tab_row(raw, line);
        } else {
            s.text_line(raw.trim(), line);
        }
    }
    split_restated_headers(narrow::join_narrow_pages(merge_continuations(s.blocks)))
}

/// Segmentation state while walking a report's lines.
struct Segmenter<'p> {
    pipeline: &'p Pipeline,
    report: Option<ReportKind>,
    /// The reporting unit's title key.
    unit: Option<String>,
    running: Vec<String>,
    blocks: Vec<Block<'p>>,
    open: bool,
    last_prose: (String, u32),
    preamble_above: bool,
    /// The preamble row above ends in a money unit cut by extraction (jsgy
    /// 公开09表 `单位：万`, its `元` on the next row): that cell, compacted.
    cut_unit: Option<String>,
    /// Since the open table ended, a line that may be another table's
    /// title, or one holding an amount: a row of this table extracted
    /// without TABs (bjtjj `104.000000 104.000000 续统一组织开展统`), whose
    /// rows would be read under the row before it if the table went on.
    gap_ends_table: bool,
    /// The first line since the open table ended holding an amount, when
    /// that table is a performance table: `indicators` reads on past it.
    spill: Option<u32>,
    /// A money unit line printed while no table was open, since the last
    /// prose line: the preamble of a table whose title is no catalog's,
    /// which opens at its first row.
    loose_unit: Option<MoneyUnit>,
}

impl<'p> Segmenter<'p> {
    fn tab_row(&mut self, raw: &str, line: u32) {
        let p = self.pipeline;
        let filled: Vec<&str> = raw.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect();
        let first = raw.split('\t').next().unwrap_or("");
        let preamble =
            is_preamble(first, &p.detect) || (!filled.is_empty() && filled.iter().all(|c| is_preamble(c, &p.detect)));
        // A preamble wrapped over two rows (jsgy `| 部门名称：江苏省高级人民法 |`
        // then `| 院 | … | 单位：万元 |`) ends with the money unit.
        let wrapped = self.preamble_above && filled.iter().any(|c| money_unit(c).is_some());
        let completed = self.completed_unit(&filled);
        self.preamble_above = preamble || wrapped || completed.is_some();
        if let Some(unit) = completed {
            self.cut_unit = None;
            self.note_money_unit(&unit);
            return;
        }
        if preamble || wrapped {
            self.cut_unit = filled.iter().map(|c| text::compact(c)).find(|c| is_cut_money_unit(c)).map(Cow::into_owned);
            self.note_money_unit(&filled.join(" "));
            return;
        }
        // A title or page furniture printed inside the grid (bjtjj
        // `| 预算01表 收支总表 |`, wxxfj `公开02表 | | |`) is read as a line;
        // so is a title outside the catalog where no table is open (wxxfj
        // `| 政府采购支出表 |` under `| 公开13表 |`), which else became a
        // header cell of a table titled by the prose above it.
        if let [only] = filled.as_slice() {
            let key = text::title_key(only);
            let titles_other = !self.open && may_title(only);
            if key.is_empty() || self.title_spec(&key, only).is_some() || is_numbered_title(only, &key) || titles_other
            {
                self.text_line(only, line);
                return;
            }
        }
        if !self.open {
            // Text between two pages of a table (bjtjj spills a long 绩效目标
            // cell as lines without TABs) ends it only until a row repeats
            // its header, unless that text may title another table or holds
            // a row of this one.
            let resumed = !self.gap_ends_table && self.blocks.last().is_some_and(|b| repeats_header(&filled, b));
            // A unit line between two pages of a table is that table's.
            let preamble_unit = self.loose_unit.take();
            if !resumed {
                self.blocks.push(untitled(&self.last_prose, preamble_unit));
            }
            if let (true, Some(spill), Some(b)) = (resumed, self.spill, self.blocks.last_mut()) {
                b.spills.push(spill);
            }
            self.open = true;
            self.gap_ends_table = false;
            self.spill = None;
        }
        if let Some(b) = self.blocks.last_mut() {
            b.rows.push(Row { line, cells: raw.split('\t').map(str::to_string).collect() });
        }
    }

    fn text_line(&mut self, trimmed: &str, line: u32) {
        let p = self.pipeline;
        // A blank line leaves the preamble above open: a text printing one
        // after every row splits a preamble wrapped over two rows too.
        if trimmed.is_empty() {
            return;
        }
        self.preamble_above = false;
        // Compacted once: the title, money unit, preamble and may-title tests all read it.
        let c = text::compact(trimmed);
        // Only a short line is keyed: the key costs a pass over every char,
        // and prose lines are long; a long line is no title (see
        // `title_spec`) and, holding more than table numbers, no furniture.
        let key = is_short(trimmed).then(|| text::title_key(without_unit(&c)));
        if let Some(spec) = key.as_deref().and_then(|k| self.title_spec(k, trimmed)) {
            if !open_same(&self.blocks, self.open, spec) {
                let title = trimmed.to_string();
                let block =
                    Block { spec: Some(spec), title, title_line: line, money_unit: None, rows: vec![], spills: vec![] };
                self.blocks.push(block);
            }
            self.open = true;
            self.gap_ends_table = false;
            self.spill = None;
            self.loose_unit = None;
            self.note_money_unit(&c);
            return;
        }
        if let Some(cells) = self.project_line(&c) {
            if let Some(b) = self.blocks.last_mut() {
                b.rows.push(Row { line, cells });
            }
            return;
        }
        let titled = titles_with_unit(&c);
        if money_unit(&c).is_some() && !titled {
            self.note_money_unit(&c);
        } else if !titled && (is_furniture(key.as_deref(), trimmed, &self.running) || is_preamble(&c, &p.detect)) {
            // page furniture between a title and its rows: 公开01表, 2023 年度,
            // 单位：…, page numbers, running page headers
        } else {
            // A performance table's rows are read by what their cells hold,
            // and `indicators` leaves the rows around a spilled row without
            // a project; any other table ends there.
            let amount = holds_amount(trimmed);
            let reads_spills = self.blocks.last().and_then(|b| b.spec).is_some_and(|s| s.layout.is_some());
            if amount && reads_spills && !self.gap_ends_table {
                self.spill = self.spill.or(Some(line));
            }
            self.gap_ends_table |= may_title(&c) || (amount && !reads_spills);
            self.open = false;
            self.last_prose = (trimmed.to_string(), line);
            self.loose_unit = None;
        }
    }

    /// An open performance table's project named above its grid as a line
    /// (`项目名称：教师培训`), as the row `项目名称 | 教师培训`: read as prose,
    /// it ended the table and the sheet lost its project.
    fn project_line(&self, c: &str) -> Option<Vec<String>> {
        let layout = self.blocks.last().filter(|_| self.open).and_then(|b| b.spec)?.layout.as_ref()?;
        let (label, value) = c.split_once(':')?;
        let named = layout.project_labels.iter().any(|l| l == label) && !value.is_empty();
        named.then(|| vec![label.to_string(), value.to_string()])
    }

    /// The money unit a row completes, when the preamble row above cut it:
    /// a cell that finishes it (`元`), every other cell preamble
    /// (`部门名称：…`). Read as a header, the row put 元 among the columns;
    /// left unread, a table in 元 would have been scaled as the report's 万元.
    fn completed_unit(&self, filled: &[&str]) -> Option<String> {
        let cut = self.cut_unit.as_deref().filter(|_| self.preamble_above)?;
        let joined = |c: &str| format!("{cut}{}", text::compact(c));
        let tail = filled.iter().position(|c| money_unit(&joined(c)).is_some())?;
        let rest_preamble = filled.iter().enumerate().all(|(i, c)| i == tail || is_preamble(c, &self.pipeline.detect));
        rest_preamble.then(|| joined(filled[tail]))
    }

    /// The catalog table a title line names, also when the unit's name and
    /// the year open it (`长沙市某某中心2023年度收入决算表`): what follows them
    /// must then be a title whole, so a sentence naming a table names none.
    fn title_spec(&self, key: &str, line: &str) -> Option<&'p TableSpec> {
        if key.is_empty() || !is_short(line) {
            return None;
        }
        let (p, report) = (self.pipeline, self.report);
        p.table_for_title(key, report).or_else(|| {
            let after_unit = self.unit.as_deref().and_then(|u| key.strip_prefix(u)).unwrap_or(key);
            let after_year = text::find_year(after_unit).map_or(after_unit, |(_, span)| &after_unit[span.end..]);
            [after_unit, after_year]
                .into_iter()
                .filter(|k| k.len() < key.len())
                .find_map(|k| p.table_for_title(k, report))
        })
    }

    fn note_money_unit(&mut self, text: &str) {
        let Some(unit) = money_unit(text) else { return };
        match self.blocks.last_mut().filter(|_| self.open) {
            Some(b) => {
                b.money_unit.get_or_insert(unit);
            }
            // Read as the report's unit only, a table outside the catalog
            // in 元 had its amounts taken as 万元.
            None => self.loose_unit = Some(unit),
        }
    }
}

/// A catalog table's first row printed again, garbled or not: at least two
/// of the row's cells, and half of them, hold a cell of that header
/// (bjtjj `5703-统计人员岗位 知识培训 项目名称 | 103.984764 项目总额 | …`).
fn repeats_header(filled: &[&str], block: &Block) -> bool {
    let Some(head) = block.rows.first().filter(|_| block.spec.is_some()) else { return false };
    let words: Vec<Cow<str>> = head.cells.iter().map(|c| text::compact(c)).filter(|w| w.chars().count() >= 2).collect();
    let hits = filled.iter().filter(|c| words.iter().any(|w| text::compact(c).contains(w.as_ref()))).count();
    hits >= 2 && hits * 2 >= filled.len()
}

/// A line ending in 表, or in 表 and a bracketed note (xarsj
/// `…支出明细表（按支出经济分类科目）`), may be the title of a table the
/// catalog lacks.
fn may_title(line: &str) -> bool {
    let c = text::compact(line);
    let c = without_unit(&c);
    let bare = c.strip_suffix(')').and_then(|s| s.rfind('(').map(|i| &s[..i])).unwrap_or(c);
    bare.ends_with('表')
}

/// An amount as tables print them (decimals or separators) among a line's words.
fn holds_amount(line: &str) -> bool {
    line.split_whitespace().any(|w| matches!(text::cell(w), text::Cell::Number(a) if a.decimals > 0 || w.contains(',')))
}

/// A numbered title of a table the catalog lacks (bjtjj `预算10表 政府采购预算明细表`):
/// it ends the table above, and its rows become `other`.
fn is_numbered_title(cell: &str, key: &str) -> bool {
    key.ends_with('表') && key.chars().count() < text::compact(cell).chars().count()
}

/// Lines that are not prose: an empty key (a long line has none), text
/// without a single CJK character (`- 9 -`, `2024`), a single character (a
/// merged cell's label printed down the page, xarsj `绩` `效` `指` `标` between
/// two project cards), and running page headers.
fn is_furniture(key: Option<&str>, line: &str, running: &[String]) -> bool {
    let single = line.chars().nth(1).is_none();
    key.is_some_and(str::is_empty) || !text::has_cjk(line) || single || running.iter().any(|r| r == line)
}

/// Lines printed at the top of many pages that name the report and its year
/// (wxxfj `无锡市信访局2025年度部门预算公开` on every page): they split a table
/// over pages but do not end it.
fn running_headers(lines: &[&str]) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for l in lines.iter().filter(|l| !l.contains('\t')).map(|l| l.trim()).filter(|l| !l.is_empty()) {
        *seen.entry(l).or_insert(0) += 1;
    }
    seen.into_iter().filter(|(l, n)| *n >= 3 && text::year_in(l).is_some()).map(|(l, _)| l.to_string()).collect()
}

/// A title outside the catalog with its money unit (`专项业务经费支出表
/// 单位：万元`): it ends the table above and titles the next, which takes
/// its unit (`untitled`), where as a unit line it had run on the table above.
/// A table number with the unit (`公开 01 表    单位：万元`) is furniture.
fn titles_with_unit(c: &str) -> bool {
    let title = without_unit(c);
    title.len() < c.len() && may_title(c) && !text::title_key(title).is_empty()
}

/// A title with its money unit on the same line (`收入决算表    单位：万元`,
/// as extraction joins the two when they share a baseline), without the unit.
fn without_unit(c: &str) -> &str {
    match c.find("单位:") {
        Some(at) if at > 0 && money_unit(&c[at..]).is_some() => c[..at].trim_end_matches("金额"),
        _ => c,
    }
}

/// Prose sentences quote titles; a title line is short.
fn is_short(line: &str) -> bool {
    line.len() <= 80 || line.chars().count() <= 80
}

fn open_same(blocks: &[Block], open: bool, spec: &TableSpec) -> bool {
    open && blocks.last().and_then(|b| b.spec).is_some_and(|s| s.id == spec.id)
}

fn untitled<'p>(prose: &(String, u32), preamble_unit: Option<MoneyUnit>) -> Block<'p> {
    let title: String = prose.0.chars().take(60).collect();
    let money_unit = money_unit(&prose.0).or(preamble_unit);
    Block { spec: None, title, title_line: prose.1, money_unit, rows: vec![], spills: vec![] }
}

/// `单位：…`, `部门：…`, `填报单位：…` lines sit between a title and its header.
fn is_preamble(line: &str, cfg: &Detect) -> bool {
    // Both forms end their word with a colon; most cells and lines have none.
    if !text::has_colon(line) {
        return false;
    }
    let c = text::compact(line);
    money_unit(&c).is_some() || after_unit_prefix(&c, cfg).is_some()
}

/// Drops titles with no rows (tables of contents) and joins a table printed
/// again under the same title right after itself (a page break that the
/// template marks by repeating the title).
fn merge_continuations(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks.into_iter().filter(|b| !b.rows.is_empty()) {
        match out.last_mut() {
            Some(prev) if b.spec.is_some() && prev.spec.map(|s| &s.id) == b.spec.map(|s| &s.id) => {
                prev.rows.extend(b.rows);
                prev.spills.extend(b.spills);
                prev.money_unit = prev.money_unit.or(b.money_unit);
            }
            _ => out.push(b),
        }
    }
    out
}

/// Splits a table outside the catalog where a row of words restates the
/// header below rows of numbers (seed 000's 基础数据表: 编制数 | 实际在职人数
/// | 控制率 over one row of numbers, then 经费控制情况 | 2022年决算数 | … over
/// the money rows, then 楼堂馆所控制情况 | 批复规模 | … over words). Read
/// under one header, the money rows' columns were named by the first
/// header's words and the numbers under them.
fn split_restated_headers(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for mut b in blocks {
        while let Some(at) = b.spec.is_none().then(|| restated_header(&b.rows)).flatten() {
            let rows = b.rows.split_off(at);
            let rest = Block { rows, spills: vec![], title: b.title.clone(), ..b };
            out.push(std::mem::replace(&mut b, rest));
        }
        out.push(b);
    }
    out
}

/// The first row of three words or more, no number, right below a row with
/// numbers, that heads what follows: the next row's numbers each sit under
/// one of its words, or no number follows at all. A row of words between
/// rows of amounts that does not (a project printed without its amount)
/// stays a row.
fn restated_header(rows: &[Row]) -> Option<usize> {
    let number = |c: &String| text::is_number(c);
    let has_number = |r: &Row| r.cells.iter().any(number);
    let words = |r: &Row| {
        let filled = r.cells.iter().filter(|c| !c.trim().is_empty());
        filled.clone().count() >= 3 && filled.clone().all(|c| text::has_cjk(c)) && !has_number(r)
    };
    // Each number of the row below sits under one of the row's words.
    let heads = |r: &Row, below: &Row| {
        let worded = |i: usize| r.cells.get(i).is_some_and(|c| !c.trim().is_empty());
        below.cells.iter().enumerate().all(|(i, c)| !number(c) || worded(i))
    };
    (2..rows.len()).filter(|&r| has_number(&rows[r - 1]) && words(&rows[r])).find(|&r| {
        // Looked at only below a candidate, so a long table stays one pass.
        let rest = &rows[r + 1..];
        match rest.first().filter(|n| has_number(n)) {
            Some(below) => heads(&rows[r], below),
            None => !rest.iter().any(has_number),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(Option<String>, usize)> {
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        segment(&lines, &p, Some(ReportKind::Final), None)
            .into_iter()
            .map(|b| (b.spec.map(|s| s.id.clone()), b.rows.len()))
            .collect()
    }

    #[test]
    fn toc_entries_make_no_tables() {
        let t = "目录\n- 一、收入支出决算总表\n- 二、收入决算表\n二、收入决算表\n\n收入决算表\n公开 02 表\n单位：万元\n项目\t合计\n合计\t1.00\n注：本表反映\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 2)]);
    }

    #[test]
    fn a_title_with_its_unit_on_one_line() {
        // A catalog title keeps its table and unit; one outside the catalog
        // ends the table above; a table number with the unit is furniture.
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let t = "收入决算表    单位：元\n公开 02 表    单位：元\n项目\t合计\n205\t1.00\n\
                 专项业务经费支出表    单位：万元\n项目\t合计\n合计\t2.00\n";
        let lines: Vec<&str> = t.lines().collect();
        let blocks = segment(&lines, &p, Some(ReportKind::Final), None);
        let read: Vec<(Option<&str>, usize, Option<MoneyUnit>)> =
            blocks.iter().map(|b| (b.spec.map(|s| s.id.as_str()), b.rows.len(), b.money_unit)).collect();
        assert_eq!(read, vec![(Some("final.income"), 2, Some(MoneyUnit::Yuan)), (None, 2, Some(MoneyUnit::Wanyuan))]);
    }

    #[test]
    fn repeated_title_joins_pages() {
        let t = "2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n合计\t1.00\n\n2023年收入决算表\n部门名称：X\n单位：万元\n项目\t合计\n205\t1.00\n注：完\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 4)]);
    }

    #[test]
    fn a_title_outside_the_catalog_printed_in_the_grid_titles_its_table() {
        // wxxfj 公开13表: number and title each in a one-cell row, after a note.
        let t = "注：其他费用等。\n公开13表\t\t\n政府采购支出表\t\t\n部门：X\t\t单位：万元\n品目\t总计\n合计\t225.52\n";
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        let blocks = segment(&lines, &p, Some(ReportKind::Budget), None);
        let got: Vec<(&str, usize)> = blocks.iter().map(|b| (b.title.as_str(), b.rows.len())).collect();
        assert_eq!(got, vec![("政府采购支出表", 2)]);
    }

    #[test]
    fn rows_after_prose_are_other() {
        let t = "收入决算表\n项目\t合计\n合计\t1.00\n注：本表反映。\n项目支出明细\n序号\t金额\n1\t2.00\n";
        assert_eq!(ids(t), vec![(Some("final.income".into()), 2), (None, 2)]);
    }

    #[test]
    fn text_spilled_between_pages_does_not_end_the_table() {
        let spill = "收入决算表\n项目\t合计\n合计\t1.00\n溢出的单元格文字\n项目\t合计\n205\t1.00\n";
        assert_eq!(ids(spill), vec![(Some("final.income".into()), 4)]);
        let titled = "收入决算表\n项目\t合计\n合计\t1.00\n项目支出明细表\n项目\t合计\n1\t2.00\n";
        assert_eq!(ids(titled), vec![(Some("final.income".into()), 2), (None, 2)]);
        let lost_row = "收入决算表\n项目\t合计\n合计\t1.00\n206 科学技术支出 3.00\n项目\t合计\n205\t1.00\n";
        assert_eq!(ids(lost_row), vec![(Some("final.income".into()), 2), (None, 2)]);
    }

    #[test]
    fn a_label_printed_down_the_page_does_not_end_the_table() {
        // xarsj 表14: `绩 / 效 / 指 / 标`, one character a line, between two project cards.
        let t = "项目支出绩效目标表\n项目名称\t项目总额\nA项目\t1.00\n绩\n效\nB项目\t2.00\n";
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
        assert_eq!(blocks.iter().map(|b| b.rows.len()).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn a_row_of_words_heading_the_numbers_below_it_starts_a_new_table() {
        // seed 000's 基础数据表: staff counts, then money under its own header, then words.
        let t = "基础数据表\n人员情况\t编制数\t在职人数\t控制率\n\t20\t17\t85%\n经费情况\t2022年决算数\t2023年预算数\t2023年决算数\n\
                 三公经费\t0.19\t1.00\t0.21\n公用经费\t53.36\t48.86\t48.07\n楼堂馆所情况\t批复规模\t实际规模\t规模控制率\n保障措施\t严格执行规定\n";
        assert_eq!(ids(t), vec![(None, 2), (None, 3), (None, 2)]);
        // A project printed without its amount, between two with one, stays a row.
        let t = "项目明细表\n项目\t内容\t说明\t金额\nA项目\t建设\t完成\t1.00\nB项目\t维护\t未完成\t\nC项目\t购置\t完成\t2.00\n";
        assert_eq!(ids(t), vec![(None, 4)]);
    }

    #[test]
    fn a_page_cut_to_one_cell_a_column_goes_back_under_its_columns() {
        // jsgy 公开12表: p.15 prints each column over two cells, p.16 one cell
        // a column, after a row spilled as text.
        let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3.00\t\nA\t\t办公\t\t1.00\t\n\
                 - 1 -\n会议费 1.50\n\t会议服务\t1.50\nB\t印刷\t0.50\n";
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
        let got: Vec<_> = blocks.iter().map(|b| (b.title.as_str(), b.spills.clone())).collect();
        assert_eq!(got, vec![("政府采购表", vec![6])]);
        let cells: Vec<&[String]> = blocks[0].rows[3..].iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(cells, [["", "", "会议服务", "", "1.50", ""], ["B", "", "印刷", "", "0.50", ""]]);
        // Printed in whole numbers, as tables made in a spreadsheet are.
        let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3\t\nA\t\t办公\t\t1\t\n会议费 2\n\t会议服务\t2\n";
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
        let cells: Vec<&[String]> = blocks.iter().flat_map(|b| &b.rows[..]).map(|r| r.cells.as_slice()).collect();
        assert_eq!(
            (blocks.len(), cells.last().copied()),
            (1, Some(&["", "", "会议服务", "", "2", ""].map(String::from)[..]))
        );
        // Cells that do not fit the columns above (text where they hold
        // amounts) are another table.
        let t = "政府采购表\n品目\t\t项目\t\t金额\t\n合计\t\t\t\t3.00\t\n说明\n\t2.00\t办公\n";
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn a_money_unit_cut_over_two_rows_is_preamble_and_read() {
        // jsgy 公开09表: `单位：万` at the row's end, `元` under it beside 部门名称.
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        for (cut, tail, unit) in [("单位：万", "元", MoneyUnit::Wanyuan), ("单位：", "元", MoneyUnit::Yuan)] {
            let t = format!("收入决算表\n\t\t{cut}\t\n\t部门名称：某单位\t\t{tail}\t\n项目\t合计\n合计\t1.00\n");
            let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Final), None);
            let got: Vec<_> = blocks.iter().map(|b| (b.rows.len(), b.money_unit)).collect();
            assert_eq!(got, vec![(2, Some(unit))], "{cut} / {tail}");
        }
    }

    #[test]
    fn a_performance_table_reads_on_past_a_spilled_row_and_records_it() {
        // bjtjj: a project's row extracted without TABs between two pages of 项目支出绩效目标表.
        let t = "项目支出绩效目标表\n项目名称\t项目总额\t三级指标\nA项目\t1.00\t完成率\n\
                 4226-某项目 66.486000 66.486000 某目标\n项目名称\t项目总额\t三级指标\nB项目\t2.00\t及时率\n";
        let p = Pipeline::load(&[] as &[&str]).unwrap();
        let blocks = segment(&t.lines().collect::<Vec<_>>(), &p, Some(ReportKind::Budget), None);
        let got: Vec<_> =
            blocks.iter().map(|b| (b.spec.map(|s| s.id.as_str()), b.rows.len(), b.spills.clone())).collect();
        assert_eq!(got, vec![(Some("budget.project_targets"), 4, vec![4])]);
    }
}
