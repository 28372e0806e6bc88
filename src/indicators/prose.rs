//! Total scores stated in prose. Some score sheets print no 总分 row; the
//! report then states it in a sentence (seed 002 `此次绩效自评得分为 97.83
//! 分`, seed 000 `本次自评得分 99.93 分`), which becomes the sheet's total.

use crate::config::raw::IndicatorWords;
use crate::model::Indicator;
use crate::text;

/// One total-score indicator per configured sentence whose table the
/// report has indicators of but no printed total.
pub fn totals_from_prose(lines: &[&str], found: &[Indicator], w: &IndicatorWords) -> Vec<Indicator> {
    let has_total = |t: &str| found.iter().any(|i| i.table == t && i.level1 == w.total_label);
    let mut out = vec![];
    for s in &w.score_sentences {
        let Some(table) = s.tables.iter().find(|t| found.iter().any(|i| &i.table == *t) && !has_total(t)) else {
            continue;
        };
        let hit = lines.iter().enumerate().filter(|(_, l)| !text::has_tab(l)).find_map(|(i, l)| {
            let c = text::compact(l);
            s.words.iter().find_map(|word| score_after(&c, word)).map(|v| (i, v))
        });
        if let Some((i, score)) = hit {
            out.push(Indicator {
                line: i as u32 + 1,
                table: table.clone(),
                level1: w.total_label.clone(),
                score: Some(score),
                ..Indicator::default()
            });
        }
    }
    out
}

/// The number right after `word` (and an optional `为` / `:`), if `分` follows it.
fn score_after(c: &str, word: &str) -> Option<f64> {
    let (_, rest) = c.split_once(word)?;
    let rest = rest.trim_start_matches(['为', ':']);
    let end = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '.')).unwrap_or(rest.len());
    let (num, after) = rest.split_at(end);
    text::number(num).filter(|_| after.starts_with('分')).map(|a| a.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_in_sentences() {
        assert_eq!(score_after("此次绩效自评得分为97.83分,整体评价为", "自评得分"), Some(97.83));
        assert_eq!(score_after("本次自评得分99.93分。", "自评得分"), Some(99.93));
        assert_eq!(score_after("自评得分情况见附件", "自评得分"), None);
    }
}
