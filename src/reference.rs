//! The national classification reference: the 支出功能分类 and 支出经济分类 code
//! lists in `pipelines/codes/*.csv`, embedded in the binary, and the judgement of
//! a printed (code, name) pair against them (match, unknown code, repairable,
//! mismatch). It owns name normalization for that comparison only; it does not
//! join split codes, read reports or emit findings — callers turn a [`Verdict`]
//! into `code_name_mismatch` / `repaired_code`.

use crate::model::CodeSystem;
use std::collections::BTreeMap;

const FUNCTION_FILE: &str = "pipelines/codes/function.csv";
const ECONOMIC_FILE: &str = "pipelines/codes/economic.csv";
const FUNCTION_CSV: &str = include_str!("../pipelines/codes/function.csv");
const ECONOMIC_CSV: &str = include_str!("../pipelines/codes/economic.csv");
const HEADER: &str = "code,level,name,valid_from,valid_to,source";

/// A printed prefix shorter than this is too generic (`其他`) to count as a name.
const MIN_PREFIX_CHARS: usize = 4;

/// 309/311 are the 基本建设 twins of 310/312 and repeat their 款 names; a name
/// found in both means the general class unless the printed code is in the twin.
const TWIN_CLASSES: [(&str, &str); 2] = [("309", "310"), ("311", "312")];

/// One name a code carries and the years it carried it (inclusive, open if None).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    from: Option<i16>,
    to: Option<i16>,
}

impl Entry {
    fn valid_in(&self, year: Option<i16>) -> bool {
        let Some(y) = year else { return true };
        self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t)
    }
}

/// One classification system: codes and their names over the years.
#[derive(Debug, Clone, Default)]
pub struct CodeList {
    codes: BTreeMap<String, Vec<Entry>>,
    /// Codes by normalized name, in code order: the summary checks look up
    /// every item's name, and scanning the list for each was 3 % of a run.
    by_name: BTreeMap<String, Vec<String>>,
}

/// Both classification systems used by the reports.
#[derive(Debug, Clone)]
pub struct Reference {
    /// 支出功能分类: 类 3 digits, 款 5, 项 7.
    pub function: CodeList,
    /// 支出经济分类, 部门 30x and 政府 50x sets: 类 3 digits, 款 5.
    pub economic: CodeList,
}

/// A code list that cannot be loaded.
#[derive(thiserror::Error, Debug)]
pub enum ReferenceError {
    /// A CSV line that breaks the format; `line` is 1-based.
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// The list's file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
}

/// How a printed (code, name) pair relates to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The name is one the code carries (in that year), allowing for extraction damage.
    Match,
    /// The code is not in the list and the name identifies no other code.
    UnknownCode,
    /// The name is another code's, unambiguously (same level when the printed
    /// code's level is known).
    Repair {
        /// The code the name belongs to.
        code: String,
    },
    /// The code is known but the name is not its name and identifies no single other code.
    Mismatch,
}

/// How well a printed name fits a reference name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    None,
    Loose,
    Exact,
}

impl Reference {
    /// The lists embedded in the binary (include_str! of the two CSVs).
    pub fn embedded() -> Result<Reference, ReferenceError> {
        Ok(Reference {
            function: Reference::parse_list(FUNCTION_FILE, FUNCTION_CSV)?,
            economic: Reference::parse_list(ECONOMIC_FILE, ECONOMIC_CSV)?,
        })
    }

    /// True when `name` is a name of `code` (any year) in the list of
    /// `system` (either list when the system is unknown); without a code, a
    /// name of some code in either list.
    pub fn names(&self, code: Option<&str>, system: Option<CodeSystem>, name: &str) -> bool {
        let lists: &[&CodeList] = match system {
            Some(CodeSystem::Function) => &[&self.function],
            Some(CodeSystem::Economic) => &[&self.economic],
            Some(CodeSystem::Unit) => &[],
            None => &[&self.function, &self.economic],
        };
        let mut codes = lists.iter().flat_map(|l| l.codes_for_name(name));
        codes.any(|c| code.is_none_or(|code| code == c))
    }

    /// Parse one list from CSV text; `file` names it in errors.
    ///
    /// Fields are plain (no quoting): names never contain commas. Blank lines are skipped.
    pub fn parse_list(file: &str, text: &str) -> Result<CodeList, ReferenceError> {
        let mut list = CodeList::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            let malformed =
                |message: String| ReferenceError::Malformed { file: file.to_string(), line: i + 1, message };
            if i == 0 {
                if line.trim_start_matches('\u{feff}') != HEADER {
                    return Err(malformed(format!("expected header `{HEADER}`")));
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let (code, entry) = parse_row(line).map_err(malformed)?;
            list.codes.entry(code).or_default().push(entry);
        }
        for (code, entries) in &list.codes {
            for name in entries.iter().map(|e| &e.name) {
                let codes = list.by_name.entry(name.clone()).or_default();
                if codes.last() != Some(code) {
                    codes.push(code.clone());
                }
            }
        }
        Ok(list)
    }
}

fn parse_row(line: &str) -> Result<(String, Entry), String> {
    let fields: Vec<&str> = line.split(',').collect();
    let [code, level, name, from, to, source] = fields[..] else {
        return Err(format!("expected 6 fields, found {}", fields.len()));
    };
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("code `{code}` is not all digits"));
    }
    let want = match level {
        "类" => 3,
        "款" => 5,
        "项" => 7,
        _ => return Err(format!("level `{level}` is not 类, 款 or 项")),
    };
    if code.len() != want {
        return Err(format!("code `{code}` has {} digits, {level} needs {want}", code.len()));
    }
    let name = normalize(name);
    if name.is_empty() {
        return Err("empty name".to_string());
    }
    let (from, to) = (parse_year(from)?, parse_year(to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("valid_from {f} is after valid_to {t}"));
        }
    }
    if source != "observed" && source != "national" {
        return Err(format!("source `{source}` is not observed or national"));
    }
    Ok((code.to_string(), Entry { name, from, to }))
}

fn parse_year(field: &str) -> Result<Option<i16>, String> {
    if field.is_empty() {
        return Ok(None);
    }
    match field.parse::<i16>() {
        Ok(y) if (1949..=2100).contains(&y) => Ok(Some(y)),
        _ => Err(format!("bad year `{field}`")),
    }
}

impl CodeList {
    /// Names valid for `code` in `year` (None = any year). Empty if the code is unknown.
    pub fn names(&self, code: &str, year: Option<i16>) -> Vec<&str> {
        self.entries(code).filter(|e| e.valid_in(year)).map(|e| e.name.as_str()).collect()
    }

    /// True when the list has the code (under any name, any year).
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// Codes whose name (any year) equals `name` after normalization
    /// (NFKC, whitespace removed, brackets unified, `（境）`==`(境)`).
    pub fn codes_for_name(&self, name: &str) -> Vec<&str> {
        self.by_name.get(&normalize(name)).map_or_else(Vec::new, |codes| codes.iter().map(String::as_str).collect())
    }

    /// Number of distinct codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when the list has no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Judges a printed (code, name) pair against the names valid in `year`
    /// (None = any year): match, else repair, else unknown code or mismatch.
    pub fn judge(&self, code: &str, name: &str, year: Option<i16>) -> Verdict {
        let printed = normalize(name);
        if self.fit(code, &printed, year) > Fit::None {
            return Verdict::Match;
        }
        if let Some(right) = self.repair_candidate(code, &printed, year) {
            return Verdict::Repair { code: right.to_string() };
        }
        if self.contains(code) {
            Verdict::Mismatch
        } else {
            Verdict::UnknownCode
        }
    }

    fn entries(&self, code: &str) -> impl Iterator<Item = &Entry> {
        self.codes.get(code).into_iter().flatten()
    }

    /// Best fit of a normalized printed name to any of the code's names valid in `year`.
    /// A trailing `(款 name)` naming the code's own 款 is accepted: reports print
    /// `行政运行(人力资源和社会保障管理事务)` for 2080101.
    fn fit(&self, code: &str, printed: &str, year: Option<i16>) -> Fit {
        let base =
            split_decoration(printed).filter(|(_, parent)| self.is_parent_name(code, parent)).map(|(base, _)| base);
        self.entries(code)
            .filter(|e| e.valid_in(year))
            .flat_map(|e| [Some(printed), base].into_iter().flatten().map(|p| fit_name(p, &e.name)))
            .max()
            .unwrap_or(Fit::None)
    }

    /// True when `name` is a name of the 款 above the 项 `code`.
    fn is_parent_name(&self, code: &str, name: &str) -> bool {
        let parent = code.get(..5).filter(|_| code.len() == 7);
        parent.is_some_and(|p| self.entries(p).any(|e| e.name == name))
    }

    /// The one other code the printed name belongs to: exact fits first, loose ones
    /// only if there is no exact fit; same level when the printed level is known.
    fn repair_candidate(&self, printed_code: &str, printed: &str, year: Option<i16>) -> Option<&str> {
        let level_known = matches!(printed_code.len(), 3 | 5 | 7);
        let fits: Vec<(&str, Fit)> = self
            .codes
            .keys()
            .filter(|c| c.as_str() != printed_code)
            .filter(|c| !level_known || c.len() == printed_code.len())
            .map(|c| (c.as_str(), self.fit(c, printed, year)))
            .filter(|(_, f)| *f > Fit::None)
            .collect();
        let best = fits.iter().map(|(_, f)| *f).max()?;
        let candidates: Vec<&str> = fits.iter().filter(|(_, f)| *f == best).map(|(c, _)| *c).collect();
        match break_tie(printed_code, candidates)[..] {
            [only] => Some(only),
            _ => None,
        }
    }
}

/// Narrows several codes sharing a name: the printed code's set (30x vs 50x),
/// then one of each 309/310 and 311/312 twin pair.
fn break_tie<'a>(printed_code: &str, candidates: Vec<&'a str>) -> Vec<&'a str> {
    if candidates.len() < 2 {
        return candidates;
    }
    let same_set: Vec<&str> = candidates.iter().copied().filter(|c| c.get(..1) == printed_code.get(..1)).collect();
    let pool = if same_set.is_empty() { candidates } else { same_set };
    pool.iter()
        .copied()
        .filter(|c| !TWIN_CLASSES.iter().any(|&(twin, main)| loses_to_twin(printed_code, c, &pool, twin, main)))
        .collect()
}

/// True when `c` and a code with the same suffix in the other class of the pair
/// are both candidates and the other one is preferred for `printed_code`.
fn loses_to_twin(printed_code: &str, c: &str, pool: &[&str], twin: &str, main: &str) -> bool {
    let prefer = if printed_code.starts_with(twin) { twin } else { main };
    let other = if prefer == twin { main } else { twin };
    c.starts_with(other) && pool.iter().any(|p| p.starts_with(prefer) && p.get(3..) == c.get(3..))
}

/// Compares two normalized names, tolerating extraction damage: a truncated
/// printed name of at least [`MIN_PREFIX_CHARS`] chars, and 费 vs 费用
/// (`因公出国(境)费` for `因公出国(境)费用`).
fn fit_name(printed: &str, reference: &str) -> Fit {
    if printed == reference {
        return Fit::Exact;
    }
    let prefix = printed.chars().count() >= MIN_PREFIX_CHARS && reference.starts_with(printed);
    let (p, r) = (strip_fee(printed), strip_fee(reference));
    if prefix || (!p.is_empty() && p == r) {
        Fit::Loose
    } else {
        Fit::None
    }
}

fn strip_fee(name: &str) -> &str {
    name.strip_suffix("费用").or_else(|| name.strip_suffix('费')).unwrap_or(name)
}

/// Splits `base(inner)` at its last bracket pair; None if there is none.
fn split_decoration(name: &str) -> Option<(&str, &str)> {
    let inner_end = name.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let (base, inner) = (&inner_end[..open], &inner_end[open + 1..]);
    (!base.is_empty() && !inner.is_empty()).then_some((base, inner))
}

/// NFKC, whitespace removed, every bracket pair written `()`.
fn normalize(s: &str) -> String {
    // `compact` is NFKC without whitespace, at a fraction of the cost for
    // the plain text most names are; asked of every printed name checked.
    crate::text::compact(s)
        .chars()
        .map(|c| match c {
            '[' | '【' | '〔' | '〖' | '﹝' => '(',
            ']' | '】' | '〕' | '〗' | '﹞' => ')',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(code: &str) -> Verdict {
        Verdict::Repair { code: code.to_string() }
    }

    #[test]
    fn embedded_lists_load() {
        let r = Reference::embedded().expect("embedded lists parse");
        assert!(!r.function.is_empty() && !r.economic.is_empty());
        assert!(r.function.contains("2050199") && r.economic.contains("31002"));
    }

    #[test]
    fn judge_function() {
        let r = Reference::embedded().unwrap();
        let cases = [
            ("2050199", "其他教育管理事务支出", None, Verdict::Match),
            ("210", "医疗卫生与计划生育支出", Some(2017), Verdict::Match),
            ("210", "卫生健康支出", Some(2021), Verdict::Match),
            ("210", "卫生健康支出", Some(2017), Verdict::Mismatch),
            ("2080101", "行政运行(人力资源和社会保障管理事务)", None, Verdict::Match),
            ("2080199", "行政运行(人力资源和社会保障管理事务)", None, repair("2080101")),
            ("2080505", "机关事业单位基本养老保险缴 费支出", None, Verdict::Match),
            ("2080550", "机关事业单位基本养老保险缴费支出", None, repair("2080505")),
            ("2089999", "其他社会保障和就业支出", None, Verdict::Match),
            ("2080199", "行政运行", None, Verdict::Mismatch),
            ("9999999", "no such name", None, Verdict::UnknownCode),
            ("2140601", "行政运行", None, Verdict::UnknownCode),
        ];
        for (code, name, year, want) in cases {
            assert_eq!(r.function.judge(code, name, year), want, "{code} {name} {year:?}");
        }
    }

    #[test]
    fn judge_economic() {
        let r = Reference::embedded().unwrap();
        let cases = [
            ("307", "资本性支出", repair("310")),
            ("30701", "办公设备购置", repair("31002")),
            ("30904", "办公设备购置", repair("30902")),
            ("30212", "因公出国（境）费用", Verdict::Match),
            ("30212", "因公出国(境)费", Verdict::Match),
            ("31002", "办公设备购 置", Verdict::Match),
            ("31002", "办公设备购", Verdict::Match),
            ("30199", "住房公积金", repair("30113")),
            ("50199", "住房公积金", repair("50103")),
            ("30101", "设备购置", Verdict::Mismatch),
            ("30299", "其他支出", repair("39999")),
            ("30102", "其他", Verdict::Mismatch),
            ("30888", "基本工资", repair("30101")),
            ("30888", "不存在的科目", Verdict::UnknownCode),
        ];
        for (code, name, want) in cases {
            assert_eq!(r.economic.judge(code, name, None), want, "{code} {name}");
        }
    }

    #[test]
    fn names_and_lookup() {
        let r = Reference::embedded().unwrap();
        assert_eq!(r.function.names("210", Some(2021)), ["卫生健康支出"]);
        assert_eq!(r.function.names("210", Some(2018)), ["医疗卫生与计划生育支出"]);
        assert_eq!(r.function.names("210", None).len(), 2);
        assert!(r.function.names("999", None).is_empty());
        assert_eq!(r.economic.codes_for_name("因公出国（境） 费用"), ["30212", "50207"]);
        assert_eq!(r.economic.codes_for_name("维修【护】费"), ["30213", "50209"]);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let bad_rows = [
            "301,类,工资福利支出,,",
            "3o1,类,工资福利支出,,,observed",
            "301,级,工资福利支出,,,observed",
            "3010,类,工资福利支出,,,observed",
            "30101,类,基本工资,,,observed",
            "301,类,工资福利支出,twenty,,observed",
            "301,类,工资福利支出,2020,2019,observed",
            "301,类,,,,observed",
            "301,类,工资福利支出,,,guessed",
        ];
        for row in bad_rows {
            let text = format!("{HEADER}\n30101,款,基本工资,,,observed\n{row}\n");
            let err = Reference::parse_list("x.csv", &text).expect_err(row);
            assert!(err.to_string().starts_with("x.csv:3: "), "{row}: {err}");
        }
        let err = Reference::parse_list("x.csv", "code,name\n").unwrap_err();
        assert!(err.to_string().starts_with("x.csv:1: "), "{err}");
    }
}
