use super::*;

#[test]
fn simple_nfkc_agrees_with_nfkc() {
    for c in (0..0x10000).filter_map(char::from_u32) {
        if let Some(n) = simple_nfkc(c) {
            assert_eq!(c.to_string().nfkc().collect::<String>(), n.to_string(), "U+{:04X}", c as u32);
        }
    }
    assert_eq!(compact("（境）\u{3000}费ａ"), "(境)费a");
    // `compact` borrows what `is_compact` accepts, so that must be exactly its own NFKC.
    for c in (0..0x10000).filter_map(char::from_u32).filter(|c| compact_prefix(&c.to_string()) == c.len_utf8()) {
        assert!(!c.is_whitespace(), "U+{:04X}", c as u32);
        assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
    }
    let is_compact = |s: &str| compact_prefix(s) == s.len();
    assert!(is_compact("一般公共预算") && is_compact("3,538.81") && !is_compact("合 计") && !is_compact("４"));
    assert_eq!(compact("e\u{301} ﬁ"), "éfi");
    // A simple char before a combining one still composes with it (≥ + U+0338 is ≱).
    assert_eq!(compact("≥\u{338} 90% ×"), "≱90%×");
}

#[test]
fn labels_normalize() {
    let cases = [
        ("一、一般公共预算财政拨款收入", "一般公共预算财政拨款收入"),
        ("二十六、抗疫特别国债安排的支出", "抗疫特别国债安排的支出"),
        ("因公出国 （境） 费", "因公出国(境)费"),
        ("机关事业单位基本养老保险 缴费支出", "机关事业单位基本养老保险缴费支出"),
        ("(一) 基本支出", "基本支出"),
        ("1.基本工资", "基本工资"),
        ("本 年 收 入 合 计", "本年收入合计"),
        ("2023年常规仪器配备", "2023年常规仪器配备"),
        ("人.员经费合计", "人员经费合计"),
        (
            "11000024T00000283 0551-统计监测分析 及统计资料编印工作 经费",
            "11000024T00000283 0551-统计监测分析及统计资料编印工作经费",
        ),
        ("2023 年常规仪器配备", "2023年常规仪器配备"),
    ];
    for (input, want) in cases {
        assert_eq!(label(input), want, "label({input:?})");
    }
}

#[test]
fn numbers_parse() {
    let cases = [
        ("3,538.81", Some((353881, 2))),
        ("157. 11", Some((15711, 2))),
        ("４.８７", Some((487, 2))),
        ("0.00", Some((0, 2))),
        ("-12.5", Some((-125, 1))),
        ("1234567", Some((1234567, 0))),
        ("12,34.5", None),
        ("85.00%", None),
        ("合计", None),
    ];
    for (input, want) in cases {
        let got = number(&compact(input)).map(|a| (a.units, a.decimals));
        assert_eq!(got, want, "number({input:?})");
    }
}

#[test]
fn cells_classify() {
    assert_eq!(cell(""), Cell::Blank);
    assert_eq!(cell("-"), Cell::Blank);
    assert_eq!(cell("——"), Cell::Blank);
    assert_eq!(cell("达 20.82%"), Cell::Text);
    assert!(matches!(cell("1,200.00"), Cell::Number(_)));
}

#[test]
fn title_keys_drop_decoration() {
    let cases = [
        ("2021年度收入支出决算总表(表1)", "收入支出决算总表"),
        ("公开 02 表", ""),
        ("二、收入决算表", "收入决算表"),
        ("九、财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表"),
        ("2023年部门收支总体情况表", "部门收支总体情况表"),
        ("预算01表 收支总表", "收支总表"),
        ("表一：部门收支总表", "部门收支总表"),
        ("部门收支预算总表（表十二）", "部门收支预算总表"),
        ("附表一般公共预算支出表", "附表一般公共预算支出表"),
        ("二〇二三年度收入决算表", "收入决算表"),
        ("- 七、一般公共预算财政拨款\"三公\"经费支出决算表 (表 7)", "一般公共预算财政拨款三公经费支出决算表"),
        // The mark of a table's next page names the same table, or none.
        ("收入决算表（续）", "收入决算表"),
        ("2023年收入决算表（续表）", "收入决算表"),
        ("续表", ""),
        ("接上表", ""),
        ("一般公共预算支出表 3", "一般公共预算支出表"),
        ("一般公共预算支出表1-2", "一般公共预算支出表"),
        ("（续上页）", ""),
        ("收入决算表（接上表）", "收入决算表"),
        ("续表：收入决算表", "收入决算表"),
        ("表1-1 收入支出决算总表", "收入支出决算总表"),
        ("附件1 收入支出决算总表", "收入支出决算总表"),
        ("表一、收入支出决算总表", "收入支出决算总表"),
        ("附表1-1 2023年度收入支出决算总表", "收入支出决算总表"),
        ("附件收入支出决算总表", "附件收入支出决算总表"),
        ("表1 2023年度收入支出决算总表", "收入支出决算总表"),
        ("01 收入决算表", "收入决算表"),
        ("02-支出决算表", "支出决算表"),
        ("1-1 收入支出决算总表", "收入支出决算总表"),
        ("01 2023年度收入决算表", "收入决算表"),
        ("2023收入决算表", "2023收入决算表"),
        ("12月收入表", "12月收入表"),
        ("（2023年度）", ""),
        ("(2023 年)部门收支总表", "部门收支总表"),
    ];
    for (input, want) in cases {
        assert_eq!(title_key(input), want, "title_key({input:?})");
    }
}

#[test]
fn years_found() {
    assert_eq!(year_in("2023 年度"), Some(2023));
    assert_eq!(year_in("长沙市教育局本级 2023 年部门预算公开"), Some(2023));
    assert_eq!(year_in("２０２１年度"), Some(2021));
    assert_eq!(year_in("目录"), None);
    assert_eq!(year_in("长沙市教育局本级2023年部门预算公开"), Some(2023));
    assert_eq!(year_in("二〇二三年部门决算"), Some(2023));
    assert_eq!(year_in("某局二○二四年度部门预算"), Some(2024));
    assert_eq!(year_in("二O二五年"), Some(2025));
    assert_eq!(year_in("12023年"), None);
    assert_eq!(year_in("1999年"), None);
    assert_eq!(year_in("三年行动"), None);
}

#[test]
fn code_like_cells() {
    assert!(is_code_like("2050199"));
    assert!(is_code_like("2080)5"));
    assert!(is_code_like("01"));
    assert!(!is_code_like("157. 11"));
    assert!(!is_code_like("教育支出"));
    assert!(!is_code_like("•"));
}

#[test]
fn has_colon_finds_every_char_nfkc_turns_into_a_colon() {
    for c in (0..0x10000).filter_map(char::from_u32) {
        let colon = c.to_string().nfkc().any(|n| n == ':');
        assert_eq!(has_colon(&format!("单{c}位")), colon, "U+{:04X}", c as u32);
        assert_eq!(has_colon(&c.to_string()), colon, "U+{:04X} alone", c as u32);
    }
    assert!(!has_colon("") && has_colon("a:") && has_colon(":a") && !has_colon("ab"));
}

proptest::proptest! {
    /// The memchr splits give what std's do, on texts dense in the bytes they split at.
    #[test]
    fn lines_and_cells_split_as_std_does(
        chars in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(vec!['\n', '\r', '\t', 'a', '表', '：']),
            proptest::char::any(),
        ], 0..200)
    ) {
        let s: String = chars.into_iter().collect();
        proptest::prop_assert_eq!(lines(&s), s.lines().collect::<Vec<_>>());
        proptest::prop_assert_eq!(tab_cells(&s).collect::<Vec<_>>(), s.split('\t').collect::<Vec<_>>());
        proptest::prop_assert_eq!(tabs(&s), s.matches('\t').count());
        proptest::prop_assert_eq!(has_tab(&s), s.contains('\t'));
    }
}
