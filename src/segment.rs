//! The `segment` stage: finds the tables in a report's lines. A table starts
//! at a line whose title names a catalog table, or at tab-separated rows
//! after prose (an `other` table titled by that prose); it runs over page
//! breaks, repeated titles and preamble lines, and ends at prose such as
//! `注：`, and a page that extraction cut to fewer cells goes back under
//! its columns (`narrow`). Reading rows into columns is `parse`'s job.

use crate::config::{Pipeline, TableSpec};
use crate::detect::{is_cut_money_unit, money_unit, unit_value};
use crate::model::{MoneyUnit, ReportKind};
use crate::text;
use std::borrow::Cow;

mod cut;
mod join;
mod lines;
mod narrow;
mod titles;

use lines::{
    holds_amount, is_furniture, is_numbered_title, is_preamble, is_short, may_title, running_headers, titles_with_unit,
    without_unit,
};

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
    /// Unit its preamble names (`单位：某某市第一中学`), if any.
    pub unit: Option<String>,
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
        if text::has_tab(raw) {
            s.tab_row(raw, line);
        } else {
            s.text_line(raw.trim(), line);
        }
    }
    join::split_restated_headers(narrow::join_narrow_pages(join::merge_continuations(s.blocks)))
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
        // Sized up front: a row has ten cells or so, and growing both
        // vectors cell by cell cost 0.5 % of a run's instructions.
        let width = text::tabs(raw) + 1;
        let mut cells: Vec<&str> = Vec::with_capacity(width);
        cells.extend(text::tab_cells(raw));
        let mut filled: Vec<&str> = Vec::with_capacity(width);
        filled.extend(cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()));
        let first = cells.first().copied().unwrap_or_default();
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
            self.note_unit(raw);
            return;
        }
        // A title or page furniture printed inside the grid (bjtjj
        // `| 预算01表 收支总表 |`, wxxfj `公开02表 | | |`) is read as a line;
        // so is a title outside the catalog where no table is open (wxxfj
        // `| 政府采购支出表 |` under `| 公开13表 |`), which else became a
        // header cell of a table titled by the prose above it.
        if let [only] = filled.as_slice() {
            let key = text::title_key(only);
            let titles_other = !self.open && may_title(&text::compact(only));
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
            b.rows.push(Row { line, cells: cells.iter().map(|c| c.to_string()).collect() });
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
        let alone = key.as_deref().and_then(|k| self.title_spec(k, trimmed)).map(|s| (s, trimmed.to_string(), line));
        // Joined with the line above only where that names another table
        // (the report's title above a table's names the same one).
        let other = |w: &(&TableSpec, String, u32)| alone.as_ref().is_none_or(|a| a.0.id != w.0.id);
        let wrapped = self.wrapped_title(trimmed, line).filter(other);
        if let Some((spec, title, title_line)) = wrapped.or(alone) {
            // A title printed again opens a block too: the next page of the
            // table, joined to it (`join::merge_continuations`), or the
            // table printed again for a 单位 or in an appendix, kept apart.
            let block = Block {
                spec: Some(spec),
                title,
                title_line,
                money_unit: None,
                unit: None,
                rows: vec![],
                spills: vec![],
            };
            self.blocks.push(block);
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
        } else if !titled
            && (self.is_furniture(key.as_deref(), trimmed) || is_preamble(&c, &p.detect) || self.subtitle(&c, line))
        {
            self.note_unit(trimmed);
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

    /// Page furniture (see `lines::is_furniture`), or the reporting unit's
    /// name alone on a line (a page's header or footer between two rows).
    fn is_furniture(&self, key: Option<&str>, line: &str) -> bool {
        is_furniture(key, line, &self.running) || key.is_some() && key == self.unit.as_deref()
    }

    /// The unit a preamble line names, kept by the open table: two
    /// printings of a table naming different units are two tables.
    fn note_unit(&mut self, line: &str) {
        let Some(b) = self.blocks.last_mut().filter(|b| self.open && b.unit.is_none()) else { return };
        b.unit = unit_value(line, &self.pipeline.detect);
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

fn untitled<'p>(prose: &(String, u32), preamble_unit: Option<MoneyUnit>) -> Block<'p> {
    let title: String = prose.0.chars().take(60).collect();
    let money_unit = money_unit(&prose.0).or(preamble_unit);
    Block { spec: None, title, title_line: prose.1, money_unit, unit: None, rows: vec![], spills: vec![] }
}

#[cfg(test)]
mod tests;
