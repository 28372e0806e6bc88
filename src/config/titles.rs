//! Words a printed title may add or leave out without naming another table
//! (`[titles]`): 部门收入支出决算总表, 收入决算总表, 收入支出决算总体情况表 and
//! 一般公共预算支出预算表 name the catalog's 收入支出决算总表, 收入决算表,
//! 收入支出决算总表 and 一般公共预算支出表. Titles and aliases are compared by
//! their cores, so one rule serves every table instead of an alias per
//! wording.

use super::raw;
use std::borrow::Cow;

/// The filler words, normalized.
#[derive(Debug, Clone, Default)]
pub struct Fillers {
    leading: Vec<String>,
    trailing: Vec<String>,
}

/// A filler is dropped only where this many characters are left, so it
/// never eats a whole name (`总表` and `部门表` stay as they are).
const MIN_NAME_CHARS: usize = 2;

impl Fillers {
    /// Normalizes the words of a `[titles]` section, longest first, so a
    /// word is dropped whole before a shorter one it ends or starts with.
    pub fn new(raw: &raw::Titles) -> Fillers {
        let norm = |v: &[String]| {
            let mut words: Vec<String> =
                v.iter().map(|w| crate::text::title_key(w)).filter(|w| !w.is_empty()).collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            words
        };
        Fillers { leading: norm(&raw.leading), trailing: norm(&raw.trailing) }
    }

    /// A title key without its leading fillers only: 部门 and 单位 name no
    /// other table, but a trailing word may (预算 in 项目支出预算表).
    pub fn without_leading<'k>(&self, key: &'k str) -> &'k str {
        let mut name = key;
        while let Some(rest) = strip_any(name, &self.leading, |s, w| s.strip_prefix(w)) {
            name = rest;
        }
        name
    }

    /// A title key (see [`crate::text::title_key`]) without its leading
    /// fillers and without the fillers just before its closing 表.
    pub fn core<'k>(&self, key: &'k str) -> Cow<'k, str> {
        let name = self.without_leading(key);
        let Some(mut body) = name.strip_suffix('表') else { return Cow::Borrowed(name) };
        while let Some(rest) = strip_any(body, &self.trailing, |s, w| s.strip_suffix(w)) {
            body = rest;
        }
        if body.len() + '表'.len_utf8() == name.len() {
            return Cow::Borrowed(name);
        }
        Cow::Owned(format!("{body}表"))
    }
}

/// `s` without the first of `words` that `strip` removes, when enough of
/// the name is left.
fn strip_any<'s>(s: &'s str, words: &[String], strip: impl Fn(&'s str, &str) -> Option<&'s str>) -> Option<&'s str> {
    words.iter().find_map(|w| strip(s, w).filter(|rest| rest.chars().count() >= MIN_NAME_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fillers() -> Fillers {
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Fillers::new(&raw::Titles {
            leading: words(&["部门", "单位"]),
            trailing: words(&["情况", "总体", "总", "预算"]),
        })
    }

    #[test]
    fn cores_drop_fillers_at_either_end() {
        let f = fillers();
        let cases = [
            ("收入支出决算总表", "收入支出决算表"),
            ("部门收入支出决算总表", "收入支出决算表"),
            ("收入支出决算总体情况表", "收入支出决算表"),
            ("收入决算总表", "收入决算表"),
            ("财政拨款收入支出决算表", "财政拨款收入支出决算表"),
            ("部门收支总体情况表", "收支表"),
            ("一般公共预算支出预算表", "一般公共预算支出表"),
            ("一般公共预算支出表", "一般公共预算支出表"),
            ("部门整体支出绩效评价指标体系", "整体支出绩效评价指标体系"),
            ("总表", "总表"),
            ("部门表", "部门表"),
            ("", ""),
        ];
        for (key, want) in cases {
            assert_eq!(f.core(key), want, "core({key:?})");
        }
    }

    #[test]
    fn no_fillers_leave_keys_alone() {
        let f = Fillers::default();
        assert_eq!(f.core("部门收支总体情况表"), "部门收支总体情况表");
    }
}
