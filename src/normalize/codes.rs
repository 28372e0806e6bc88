//! Full classification codes from printed code cells. Codes printed over
//! 类 / 款 / 项 columns are joined; a 款 row with a blank 类 takes the 类 of
//! the rows above; extraction damage (`2050 0199`, `2080 05`, `2080)5`) is
//! undone by taking the 类 from the first three digits and the rest from the
//! later cells, as the catalog prescribes.

use crate::model::CodeSystem;
use crate::text;

/// The 类 and 款 of the rows above, for codes printed without them.
#[derive(Debug, Clone, Default)]
pub struct CodeState {
    class: Option<String>,
}

impl CodeState {
    /// The full code of a row, `Ok(None)` for rows without one, `Err` with a
    /// sentence when the printed cells cannot make a valid code.
    pub fn full_code(&mut self, cells: &[String], system: Option<CodeSystem>) -> Result<Option<String>, String> {
        let parts: Vec<String> =
            cells.iter().map(|c| if text::has_cjk(c) { String::new() } else { text::digits(c) }).collect();
        let Some(first_nonempty) = parts.iter().position(|p| !p.is_empty()) else {
            return Ok(None);
        };
        if system == Some(CodeSystem::Unit) {
            return Ok(Some(parts.concat()));
        }
        let first = &parts[0];
        let rest: String = parts[1..].concat();
        let code = if first.is_empty() {
            match &self.class {
                Some(class) if first_nonempty > 0 => format!("{class}{rest}"),
                _ => rest.clone(),
            }
        } else if rest.is_empty() || first.len() < 3 {
            format!("{first}{rest}")
        } else {
            format!("{}{rest}", &first[..3])
        };
        // xarsj prints a 款 row as its two digits alone (`10 | 人力资源事务`
        // under 201): the 类 is the one above.
        let code = match (&self.class, code.len()) {
            (Some(class), 2) => format!("{class}{code}"),
            _ => code,
        };
        if !valid_len(code.len()) {
            let printed = cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" ");
            return Err(format!("code cells {printed:?} do not make a valid code (got {code})"));
        }
        self.class = Some(code[..3].to_string());
        Ok(Some(code))
    }
}

/// A code printed inside the label cells, `2010501-行政运行` (Beijing prints
/// no code columns; a row is keyed by function, 政府经济 and 部门经济 codes
/// in three such cells): (code, the second cell's code, the label with the
/// first code taken off). `None` when the first cell has no such code.
/// `coded`: the table's rows are keyed by code, so a code and name printed
/// in one cell without the dash (`2050199 其他教育管理事务支出`, `205教育支出`)
/// are split too, when the code opens as the national lists do (2 function,
/// 3 and 5 economic); elsewhere `100人培训` stays a label.
pub fn inline(label: &str, coded: bool) -> Option<(String, Option<String>, String)> {
    let mut pieces = label.split('/');
    let (code, name) = code_and_name(pieces.next()?, coded)?;
    if !valid_len(code.len()) {
        return None;
    }
    let rest: Vec<&str> = pieces.collect();
    let alt = rest.first().and_then(|p| code_and_name(p, coded)).map(|(c, _)| c.to_string());
    let label = std::iter::once(name).chain(rest).collect::<Vec<_>>().join("/");
    Some((code.to_string(), alt, label))
}

fn code_and_name(cell: &str, coded: bool) -> Option<(&str, &str)> {
    let cell = cell.trim();
    // `[2010101]行政运行`, as some budget software prints codes.
    let bracketed = cell.strip_prefix(['[', '【']).and_then(|c| c.split_once([']', '】']));
    let (code, name) = match bracketed.or_else(|| cell.split_once('-')) {
        Some(split) => split,
        None if coded && cell.starts_with(['2', '3', '5']) => {
            let (code, name) = cell.split_at(cell.bytes().take_while(u8::is_ascii_digit).count());
            let name = name.trim_start();
            // The name starts right after the code: `2023年项目` is no code 2023.
            name.chars().next().filter(|c| !c.is_ascii())?;
            (code, name)
        }
        None => return None,
    };
    let digits = (3..=7).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
    (digits && text::has_cjk(name)).then_some((code, name))
}

/// 类, 款, 项 lengths; economic codes too, since regions refine a 款 into
/// 7 digits (xarsj 3010201 津贴补贴, bjtjj 3021101 差旅费).
fn valid_len(len: usize) -> bool {
    len == 3 || len == 5 || len == 7
}

/// 1 = 类, 2 = 款, 3 = 项, from the code's length.
pub fn level(code: &str, system: Option<CodeSystem>) -> Option<i8> {
    match (system, code.len()) {
        (Some(CodeSystem::Unit), _) => None,
        (_, 3) => Some(1),
        (_, 5) => Some(2),
        (_, 7) => Some(3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_printed_cells() {
        let f = Some(CodeSystem::Function);
        let mut s = CodeState::default();
        let cases: &[(&[&str], Option<&str>)] = &[
            (&["205", "", ""], Some("205")),
            (&["", "01", ""], Some("20501")),
            (&["205", "01", "01"], Some("2050101")),
            (&["205", "0199", ""], Some("2050199")),
            (&["2050", "01", ""], Some("20501")),
            (&["2080", "0505", ""], Some("2080505")),
            (&["2080)5", "", ""], Some("20805")),
            (&["类", "款", "项"], None),
            (&["205", "•", "•"], Some("205")),
            (&["2050199"], Some("2050199")),
            (&["10"], Some("20510")),
        ];
        for (cells, want) in cases {
            let cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            assert_eq!(s.full_code(&cells, f).unwrap().as_deref(), *want, "{cells:?}");
        }
        assert!(s.full_code(&["2050".to_string()], f).is_err());
    }

    #[test]
    fn codes_inside_labels() {
        let got = inline("2010501-行政运行/50101-工资奖金津补贴/30101-基本工资", false);
        let want = (
            "2010501".to_string(),
            Some("50101".to_string()),
            "行政运行/50101-工资奖金津补贴/30101-基本工资".to_string(),
        );
        assert_eq!(got, Some(want));
        assert_eq!(inline("50101-工资奖金津补贴/30101-基本工资", false).map(|x| x.1), Some(Some("30101".into())));
        assert_eq!(inline("2023-2025年项目", false), None);
        assert_eq!(inline("行政运行", false), None);
        let split = |l: &str, coded| inline(l, coded).map(|(c, _, name)| (c, name));
        assert_eq!(
            split("2050199 其他教育管理事务支出", true),
            Some(("2050199".into(), "其他教育管理事务支出".into()))
        );
        assert_eq!(split("205教育支出", true), Some(("205".into(), "教育支出".into())));
        assert_eq!(split("205教育支出", false), None);
        assert_eq!(split("100人培训", true), None);
        assert_eq!(split("2023年项目", true), None);
        assert_eq!(split("[2010101]行政运行", false), Some(("2010101".into(), "行政运行".into())));
        assert_eq!(split("【201】一般公共服务支出", false), Some(("201".into(), "一般公共服务支出".into())));
        assert_eq!(split("[注]说明", false), None);
    }
}
