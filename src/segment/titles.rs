//! Which catalog table a title line names: alone, after the unit's name
//! and the year, wrapped over two lines, or with a subtitle below it.

use super::lines::{is_short, without_unit};
use super::Segmenter;
use crate::config::TableSpec;
use crate::text;

impl<'p> Segmenter<'p> {
    /// A title wrapped over two lines (`一般公共预算“三公”经费` / `支出表`): the
    /// prose line right above and this one name a catalog table together,
    /// and that title, from the line above, wins. Alone, `支出表` had named
    /// the 部门支出总表, and the 三公 table's amounts went under that table's
    /// columns.
    pub(super) fn wrapped_title(&self, trimmed: &str, line: u32) -> Option<(&'p TableSpec, String, u32)> {
        let (above, at) = &self.last_prose;
        // The wrapped part of a title is short (`支出表`, `培训费支出预算表`).
        if above.is_empty() || at + 1 != line || trimmed.chars().nth(16).is_some() {
            return None;
        }
        let joined = format!("{above}{trimmed}");
        self.spec_of(&joined).map(|spec| (spec, joined, *at))
    }

    /// The catalog table a line of text names, keyed as `text_line` keys it.
    fn spec_of(&self, line: &str) -> Option<&'p TableSpec> {
        let key = is_short(line).then(|| text::title_key(without_unit(&text::compact(line))))?;
        self.title_spec(&key, line)
    }

    /// The catalog table a title line names, also when the unit's name and
    /// the year open it (`长沙市某某中心2023年度收入决算表`): what follows them
    /// must then be a title whole, so a sentence naming a table names none.
    pub(super) fn title_spec(&self, key: &str, line: &str) -> Option<&'p TableSpec> {
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

    /// A catalog table's subtitle on the line below its title, before any
    /// row (`（按功能分类科目）`, `按支出经济分类科目`): the table is the one
    /// title and subtitle name on one line (`一般公共预算支出表（按经济分类科目）`
    /// is no 一般公共预算支出表 but a table outside the catalog). Read as prose,
    /// the subtitle ended the table before its first row, and the rows became
    /// an `other` table titled by it.
    pub(super) fn subtitle(&mut self, c: &str, line: u32) -> bool {
        let bracketed = c.starts_with('(') && c.ends_with(')');
        if !self.open || c.chars().count() > 20 || !(bracketed || c.starts_with('按')) {
            return false;
        }
        let Some(b) = self.blocks.last().filter(|b| b.spec.is_some() && b.rows.is_empty() && b.title_line + 2 >= line)
        else {
            return false;
        };
        let title = format!("{}{c}", b.title);
        let spec = self.spec_of(&title);
        if let Some(b) = self.blocks.last_mut() {
            b.spec = spec;
            b.title = title;
        }
        true
    }
}
