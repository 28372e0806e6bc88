//! Rows that say what the rows below are about: a project (`项目名称 | …`,
//! a card's `专项(项目)名称`, a 绩效目标表's project column), the item of
//! unlabelled money rows (`部门名称 | …`), and the facts each row keys by them.

use super::{Cells, Walk};
use crate::config::{Role, RoleSpec};
use crate::indicators::build::{Filled, Value};
use crate::indicators::cells;
use crate::text;

impl<'a> Walk<'a> {
    /// `项目名称 | …` names the sheet's project, `专项(项目)名称 | …` a card's.
    pub(super) fn special(&mut self, cells: &Cells, line: u32) -> bool {
        let Some(rest) = labelled(&self.layout.project_labels, cells) else { return false };
        if self.is_sheet() {
            self.project = Some(rest).filter(|p| !p.is_empty());
        } else {
            self.carded = true;
            self.name_project(text::label(&rest), line);
        }
        true
    }

    /// A row of money as label and amount pairs after an optional caption:
    /// a card's `实施期资金总额： | 1000.00` or `其中：财政拨款 | 1000.00`
    /// (xarsj), a whole-unit table's `年度预算申请资金 | 资金总额 | 100.00 |
    /// 其中：财政拨款 | 80.00`. Each amount goes to the money column its label
    /// names, keyed by the card's project, else by the unit a `部门名称` row
    /// named. Outside a card, where an indicator row (`项目支出进度 | 95`)
    /// may look alike, a label must be the column's header whole and its
    /// amount printed as money.
    pub(super) fn money_pairs(&mut self, cells: &Cells, line: u32) -> bool {
        let pairs = &cells[cells.len() % 2..];
        let Some(item) = (if self.carded { self.project.clone() } else { self.item.clone() }) else { return false };
        let mut values = vec![];
        for pair in pairs.chunks(2) {
            let [(_, label, _), (_, amount, printed)] = pair else { return false };
            let Some(column) = self.money_column(label) else { return false };
            let money = if self.carded { text::number(amount).is_some() } else { cells::looks_like_money(amount) };
            if !money {
                return false;
            }
            values.push(Value { column, printed, money: true });
        }
        if values.is_empty() {
            return false;
        }
        self.facts.row(&item, self.code.clone(), &values, line);
        true
    }

    /// The column of the first money role, in the layout's order, that a
    /// label names: holding one of its header words in a card, being one
    /// whole (`其中：` and a colon aside) elsewhere.
    pub(super) fn money_column(&self, label: &str) -> Option<&'a str> {
        let roles: &'a [RoleSpec] = &self.layout.roles;
        let bare = label.trim_start_matches("其中").trim_matches([':', '：']);
        let named: Vec<usize> = if self.carded {
            let found = self.layout.header_words[0].found_in(label).filter(|n| n.under.is_none()).map(|n| n.role);
            found.collect()
        } else {
            (0..roles.len()).filter(|&r| roles[r].headers.iter().any(|h| h.as_str() == bare)).collect()
        };
        let money = named.into_iter().filter(|&r| roles[r].role == Role::Money).min()?;
        roles[money].column.as_deref()
    }

    /// `部门名称 | 北京市统计局` names the item of the money rows below it.
    pub(super) fn item_label(&mut self, cells: &Cells) -> bool {
        let Some(rest) = labelled(&self.layout.item_labels, cells).filter(|r| !r.is_empty()) else { return false };
        self.item = Some(text::label(&rest)).filter(|i| !i.is_empty());
        true
    }

    pub(super) fn has_projects(&self) -> bool {
        self.is_sheet() || self.layout.roles.iter().any(|r| r.role == Role::Project)
    }

    /// The row's project or item, code and value cells → facts. A new
    /// project in a 绩效目标表 starts a new span of merged level names.
    pub(super) fn keyed(&mut self, filled: &[Filled], line: u32) {
        let of =
            |role: Role| filled.iter().filter(|(s, _)| s.role == role).map(|(_, c)| c.2.as_str()).collect::<String>();
        if let Some(code) = Some(text::digits(&of(Role::Code))).filter(|c| !c.is_empty()) {
            self.code = Some(code);
        }
        let mut project = text::label(&of(Role::Project));
        // Under a hidden project, a name without its code is the wrapped
        // tail of that project's name (bjtjj 790 `栏目制作项目`, 4244's); in
        // a card, the project column holds its other labels (主管部门).
        if self.carded || self.hidden && !project.chars().any(|c| c.is_ascii_digit()) {
            project.clear();
        }
        let values: Vec<Value> = filled
            .iter()
            .filter_map(|(s, c)| {
                let column = s.column.as_deref()?;
                Some(Value { column, printed: c.2.as_str(), money: s.role == Role::Money })
            })
            .collect();
        if !values.is_empty() {
            let item = Some(project.clone())
                .filter(|p| !p.is_empty())
                .or_else(|| [Role::Item, Role::Text].into_iter().map(|r| text::label(&of(r))).find(|t| !t.is_empty()))
                .or_else(|| self.item.clone())
                .unwrap_or_default();
            let item = self.of_project(&item);
            // A total printed below the projects (合计 last) is no row of
            // the project above, whose code its blank code cell would carry.
            let total = self.words.money_totals.contains(&item);
            let code = self.code.clone().filter(|_| !total);
            let named = !project.is_empty() || !of(Role::Item).is_empty();
            let values = if named { self.facts.unrepeated(&item, &code, values, line) } else { values };
            self.facts.row(&item, code, &values, line);
        }
        self.name_project(project, line);
    }

    /// A score sheet's item under the project a `项目名称` row named
    /// (`教师培训/年度资金总额`), as a summary qualifies a repeated label by
    /// its parent: a 决算's appendix prints one sheet per project, and each
    /// 年度资金总额 after the first had been dropped as a repeat of it.
    pub(super) fn of_project(&self, item: &str) -> String {
        match self.project.as_deref().filter(|_| self.is_sheet()) {
            Some(project) => format!("{project}/{item}"),
            None => item.to_string(),
        }
    }

    /// A project row: the rows below are its own, and a new project in a
    /// 绩效目标表 starts a new span of merged level names.
    pub(super) fn name_project(&mut self, project: String, line: u32) {
        if project.is_empty() {
            return;
        }
        self.owned_to = line;
        self.hidden = false;
        if self.project.as_deref() != Some(project.as_str()) {
            self.project = Some(project);
            if !self.is_sheet() {
                self.section += 1;
            }
        }
    }
}

/// The text after the first cell, when it is one of `labels`, or after the
/// label and a colon within it (a row naming what the rows below are about).
fn labelled(labels: &[String], cells: &Cells) -> Option<String> {
    let first = cells[0].1.as_str();
    let value = labels.iter().find_map(|l| match first.strip_prefix(l.as_str())? {
        "" => Some(""),
        // `项目名称：教师培训`, label and value in one cell.
        rest => rest.strip_prefix(':').filter(|v| !v.is_empty()),
    })?;
    Some(std::iter::once(value).chain(cells[1..].iter().map(|c| c.1.as_str())).collect())
}

/// Labels each followed by an amount, after an optional caption: a row of
/// money (`其中：一般公共预算 | 900.00 | 其中：基本支出 | 600.00`) whose labels
/// are header words, but whose amounts say it is no header.
pub(super) fn amount_pairs(cells: &Cells) -> bool {
    let pairs = &cells[cells.len() % 2..];
    let pair = |p: &[(usize, String, String)]| text::number(&p[0].1).is_none() && text::number(&p[1].1).is_some();
    !pairs.is_empty() && pairs.chunks(2).all(pair)
}
