//! Walking one performance table row by row: header runs switch between
//! indicator and budget-execution rows, `项目名称` and project rows set the
//! project, a `部门名称` row the item of unlabelled money rows, total rows
//! give the sheet's score, and every other row has its fused level cells
//! split, is realigned (see `align`) and handed to `build` for its facts and
//! values.

use crate::config::raw::IndicatorWords;
use crate::config::{Layout, LayoutSpec, Role, RoleSpec, TableSpec};
use crate::model::{Finding, MoneyUnit, Severity};
use crate::segment::{Block, Row};

use super::align::{self, Slot};
use super::build::{self, Facts, Filled};
use super::cells;
use super::header::{self, Header, Mode};
use super::levels::{self, Printed};
use super::{Reading, PROJECT_UNKNOWN, UNREADABLE};

mod keys;
mod printed;

use keys::amount_pairs;
use printed::{holds_decimal, unfused, without_points};

/// A non-empty cell: column, compact text, text as printed.
pub type Cells = [(usize, String, String)];

/// State carried down one table.
struct Walk<'a> {
    spec: &'a TableSpec,
    layout: &'a LayoutSpec,
    words: &'a IndicatorWords,
    mode: Mode,
    headers: [Header; 2],
    /// Whether a printed header has replaced the assumed one, per mode.
    named: [bool; 2],
    run: Vec<Vec<(usize, String)>>,
    section: usize,
    project: Option<String>,
    code: Option<String>,
    /// Line of the last header or project row: a project row printed out of
    /// the grid below it may own the rows after it.
    owned_to: u32,
    /// Line of the first row of the header run being read.
    run_line: u32,
    /// A project row printed out of the grid hid the project.
    hidden: bool,
    /// Item named by a label row, for money rows printing none.
    item: Option<String>,
    /// A `专项(项目)名称 | …` row named the project: the table prints a card
    /// per project (xarsj 表14, 表16), whose other rows name none.
    carded: bool,
    /// Header words of a row-number column (`[headers] row_number`: 序号).
    numbers: &'a [String],
    /// The column a header row named with one of them.
    numbered: Option<usize>,
    facts: Facts,
    printed: Vec<Printed>,
    findings: Vec<Finding>,
}

/// Reads one performance table.
pub fn read(
    block: &Block,
    spec: &TableSpec,
    layout: &LayoutSpec,
    words: &IndicatorWords,
    numbers: &[String],
    unit: Option<MoneyUnit>,
) -> Reading {
    let headers = [Header::assumed(&layout.roles), Header::assumed(&layout.execution)];
    let mut walk = Walk {
        spec,
        layout,
        words,
        mode: Mode::Indicators,
        headers,
        named: [false; 2],
        run: vec![],
        section: 0,
        project: None,
        code: None,
        owned_to: 0,
        run_line: 0,
        hidden: false,
        item: None,
        carded: false,
        numbers,
        numbered: None,
        facts: Facts::new(spec, unit.map_or(0, MoneyUnit::scale_exp)),
        printed: vec![],
        findings: vec![],
    };
    let mut spills = block.spills.iter().peekable();
    for row in &block.rows {
        if let Some(&spill) = spills.next_if(|&&l| l < row.line) {
            walk.spilled(spill);
        }
        walk.row(row);
    }
    let printed = std::mem::take(&mut walk.printed);
    let names = levels::settle(&printed, layout.layout, words);
    let rows: Vec<(&Printed, [String; 2])> = printed.iter().zip(names).filter(|(p, _)| p.is_indicator()).collect();
    // In a table whose indicators are named by level, a row named by none is
    // no indicator (xarsj 表14's project cards: `实施期资金总额： | 1000.00`,
    // `总体目标 | …` above each card's indicators).
    let nameless = |p: &Printed, n: &[String; 2]| !p.total && n.iter().all(String::is_empty);
    let levelled = rows.iter().any(|(p, n)| !nameless(p, n));
    let mut indicators = vec![];
    for (p, n) in rows {
        if levelled && nameless(p, &n) {
            // As for any row: one of text only (a card's 总体目标) loses nothing.
            let target = p.target.as_deref().unwrap_or_default();
            if target.chars().any(|c| c.is_ascii_digit()) {
                let msg =
                    format!("row {:?} | {target:?} names no 一级 or 二级 indicator; it was not read as one", p.level3);
                walk.warn(UNREADABLE, p.line, msg);
            }
        } else {
            indicators.push(build::indicator(p, n, &spec.id, words));
        }
    }
    let (facts, mut findings) = walk.facts.finish();
    findings.append(&mut walk.findings);
    findings.sort_by_key(|f| f.line);
    Reading { facts, indicators, findings }
}

impl<'a> Walk<'a> {
    fn row(&mut self, row: &Row) {
        let cells: Vec<(usize, String, String)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !cells::is_blank(c))
            .map(|(i, c)| {
                let (compact, raw) = without_points(c);
                (i, compact, raw)
            })
            .collect();
        let cells = self.without_row_number(cells);
        if cells.is_empty() {
            return;
        }
        let texts: Vec<&str> = cells.iter().map(|(_, c, _)| c.as_str()).collect();
        let in_run = !self.run.is_empty();
        let mode = header::mode_of(&texts, &self.layout.header_words, in_run).filter(|_| !amount_pairs(&cells));
        if let Some(mode) = mode {
            let plain: Vec<(usize, String)> = cells.into_iter().map(|(i, c, _)| (i, c)).collect();
            // A header fused with a project's row (bjtjj `5703-统计人员岗位
            // 知识培训 项目名称 | 103.984764 项目总额 | …`) hides that project:
            // the rows below are not the previous project's.
            if !self.is_sheet() && plain.iter().any(|(_, c)| holds_decimal(c)) {
                self.spilled(row.line);
            }
            if self.run.is_empty() {
                self.run_line = row.line;
            }
            self.header(mode, plain);
            return;
        }
        if !self.run.is_empty() {
            // A header run (bjtjj 969–970 fuses 7305's row over two header
            // rows) ends: the rows below it are not owned by rows above.
            self.owned_to = self.owned_to.max(self.run_line);
        }
        self.run.clear();
        if self.special(&cells, row.line) || self.item_label(&cells) || self.money_pairs(&cells, row.line) {
            return;
        }
        if let Some(col) = &self.layout.inline_column {
            if let Some(mut pairs) = build::inline_pairs(&cells) {
                pairs.iter_mut().for_each(|p| p.label = self.of_project(&p.label));
                self.facts.inline(&pairs, col, row.line);
                return;
            }
        }
        self.aligned(row.line, &unfused(cells, self.words));
    }

    /// A project row printed out of the grid (bjtjj 5703 and 4226): the
    /// extraction puts it after rows it may own, so the rows since the last
    /// header or project row, and those up to the next project row, are left
    /// without a project rather than put under the project before.
    /// Users are told, so that a missing project is not read as a
    /// whole-unit indicator.
    fn spilled(&mut self, line: u32) {
        let msg = "a project's row was printed outside the table's grid here, so the indicator rows around it, \
                   up to the next project row, are kept without a project rather than under the project before";
        self.warn(PROJECT_UNKNOWN, line, msg.to_string());
        let from = self.owned_to;
        self.printed.iter_mut().filter(|p| p.line > from).for_each(|p| p.project = None);
        (self.project, self.code) = (None, None);
        self.hidden = true;
    }

    fn is_sheet(&self) -> bool {
        self.layout.layout == Layout::Scoresheet
    }

    /// The row without its row number, where the header names a 序号
    /// column: no role takes `1`, `2` …, so the rows were not read at all.
    /// Extraction slides cells left, never right of their column.
    fn without_row_number(&self, mut cells: Vec<(usize, String, String)>) -> Vec<(usize, String, String)> {
        let counted = |c: &(usize, String, String)| {
            self.numbered.is_some_and(|n| c.0 <= n) && c.1.len() <= 3 && c.1.bytes().all(|b| b.is_ascii_digit())
        };
        if cells.first().is_some_and(counted) {
            cells.remove(0);
        }
        cells
    }

    /// A header row: the first of a run starts a new section of a score
    /// sheet (a new 年度绩效目标); tables repeating their header on every
    /// page keep their names across it.
    fn header(&mut self, mode: Mode, cells: Vec<(usize, String)>) {
        if self.run.is_empty() {
            self.mode = mode;
            if self.is_sheet() {
                self.section += 1;
            }
        }
        if let Some((col, _)) = cells.iter().find(|(_, c)| self.numbers.contains(c)) {
            self.numbered = Some(*col);
        }
        self.run.push(cells);
        let (i, roles) = self.roles();
        let new = Header::read(&self.run, roles, &self.layout.header_words[i]);
        // A targets table whose page repeats only part of its header (bjtjj
        // prints `财政资金 | 其他资金` alone) keeps the columns the whole
        // header named; taking the part dropped 项目总额 and slid its value
        // under 财政资金. A score sheet's header starts a new sheet.
        if self.is_sheet() || !self.named[i] || !new.names_less_than(&self.headers[i]) {
            self.headers[i] = new;
        }
        self.named[i] = true;
    }

    fn roles(&self) -> (usize, &'a [RoleSpec]) {
        let layout: &'a LayoutSpec = self.layout;
        match self.mode {
            Mode::Indicators => (0, &layout.roles),
            Mode::Execution => (1, &layout.execution),
        }
    }

    /// A total row (`总分 | 100 | 99.93`): its other cells are read like an
    /// indicator row's, so that 分值 and 得分 land in their columns.
    fn is_total(&self, cells: &Cells) -> bool {
        self.is_sheet() && cells.len() > 1 && self.words.total_rows.iter().any(|t| *t == cells[0].1)
    }

    fn aligned(&mut self, line: u32, cells: &Cells) {
        let total = self.is_total(cells);
        let cells = if total { &cells[1..] } else { cells };
        let (i, roles) = self.roles();
        let head = &self.headers[i];
        let slots: Vec<Slot> = roles
            .iter()
            .zip(&head.present)
            .zip(&head.nominal)
            .filter(|((_, p), _)| **p)
            .map(|((spec, _), &nominal)| Slot { spec, nominal })
            .collect();
        let uncoded = slots.iter().any(|s| s.spec.role == Role::Code).then(|| cells::uncoded(cells)).flatten();
        let cells = uncoded.as_deref().unwrap_or(cells);
        // A cell ending in a number may be two merged cells: the cheaper reading wins.
        let split = cells::unmerged(cells);
        let read = |cells: &Cells| {
            let plain: Vec<(usize, &str)> = cells.iter().map(|(i, c, _)| (*i, c.as_str())).collect();
            align::align(&plain, &slots, self.words)
        };
        let (cells, a) = match (read(cells), split.as_deref().and_then(|s| read(s).map(|a| (s, a)))) {
            (Some(a), Some((s, b))) if b.cost < a.cost => (s, b),
            (Some(a), _) => (cells, a),
            (None, Some((s, b))) => (s, b),
            (None, None) => return self.unreadable(line, cells, "its cells fit no reading of the table's columns"),
        };
        let filled: Vec<Filled> = a.slots.iter().map(|&s| slots[s].spec).zip(cells).collect();
        if !total {
            self.keyed(&filled, line);
        }
        if self.mode == Mode::Indicators {
            let p = build::printed(&filled, line);
            self.push(p, total, line, cells);
        }
    }

    /// Keeps an indicator or names-only row. A score sheet's indicator rows
    /// end with a score; a row with a value but none lost it to extraction.
    fn push(&mut self, mut p: Printed, total: bool, line: u32, cells: &Cells) {
        p.section = self.section;
        p.project = self.project.clone().filter(|_| self.has_projects());
        if total {
            p = Printed { total, weight: p.weight.or(p.names[0].as_ref().and_then(|n| n.weight)), ..p.totalled() };
        } else if self.is_sheet() && p.score.is_none() && p.weight.is_none() {
            if p.target.is_some() || p.actual.is_some() {
                self.unreadable(line, cells, "it has no score");
            }
            p = Printed { names: p.names.clone(), ..p.totalled() };
        }
        // `合计 | 150.00` where no header named a money column is no
        // indicator named 合计 with the target 150.00.
        if !p.total && p.names.iter().all(Option::is_none) && self.words.money_totals.contains(&p.level3) {
            return self.unreadable(line, cells, "it is a total row, and no header names a money column for it");
        }
        // One character names no indicator: it is a merged label printed
        // down the page (xarsj's `指`, `标` of 绩效指标), read with the cut 一级
        // name beside it (`产出`, `指标`) as a 三级 name and its target.
        if p.level3.chars().nth(1).is_none() && !p.level3.is_empty() {
            p.level3.clear();
        } else {
            self.merged_level3(&mut p);
        }
        // A card's `主管部门 | 某某局` row reads as a target too: only figures count.
        let figure = |v: &Option<String>| v.as_deref().is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()));
        let valued = figure(&p.target) || figure(&p.actual) || p.score.is_some();
        if !p.total && p.level3.is_empty() && valued {
            // Its names still head the rows below; its value is lost, and said so.
            let printed: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
            let msg = format!("row {printed:?} prints a target or score but no 三级 name: its value was not read");
            self.warn(UNREADABLE, line, msg);
        }
        if p.total || p.names.iter().any(Option::is_some) || !p.level3.is_empty() {
            self.printed.push(p);
        }
    }

    /// A value row printing no names and no 三级 name sits under a merged
    /// 三级 cell (seed 004 line 449: a second date for 工作完成时效).
    fn merged_level3(&self, p: &mut Printed) {
        let has_value = p.target.is_some() || p.actual.is_some() || p.score.is_some();
        if p.total || !p.level3.is_empty() || !has_value || p.names.iter().any(Option::is_some) {
            return;
        }
        let above = self.printed.iter().rev().take_while(|q| q.section == p.section).find(|q| !q.level3.is_empty());
        if let Some(q) = above {
            p.level3 = q.level3.clone();
        }
    }

    /// Rows holding a number or naming a known 一级 or 二级 indicator that
    /// fit no reading are reported (xarsj `数量指标 | 指标：申报国家助学金人数 |
    /// 7375人；30195人` holds no number alone); rows of text only (wrapped
    /// explanations, the 年度总体目标 paragraph) lose nothing.
    fn unreadable(&mut self, line: u32, cells: &Cells, why: &str) {
        let lost = |c: &str| cells::score_number(c).is_some() || cells::is_level_name(c, self.words);
        if !cells.iter().any(|c| lost(&c.1)) {
            return;
        }
        let printed: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        self.warn(UNREADABLE, line, format!("row {printed:?} was not read: {why}"));
    }

    fn warn(&mut self, check: &str, line: u32, message: String) {
        let mut f = Finding::new(Severity::Warning, check, message);
        f.line = Some(line);
        f.table = Some(self.spec.id.clone());
        self.findings.push(f);
    }
}
