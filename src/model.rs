//! The data passed between stages: one document type, one fact type, one
//! finding type, one indicator type. Stages take and return these; nothing
//! here knows about files, configs or Parquet.

use std::fmt;

/// Which kind of report a document is; also the `report` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// 部门决算 / 单位决算
    Final,
    /// 部门预算 / 单位预算 / 部门综合预算
    Budget,
    /// 绩效自评报告 / 绩效评价报告
    Evaluation,
}

impl ReportKind {
    /// The value written to the `report` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Final => "final",
            ReportKind::Budget => "budget",
            ReportKind::Evaluation => "evaluation",
        }
    }
}

/// The money unit printed above a table; amounts are converted to 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyUnit {
    /// 万元: amounts are kept as printed.
    Wanyuan,
    /// 千元: amounts are divided by 10.
    Qianyuan,
    /// 元: amounts are divided by 10,000.
    Yuan,
}

impl MoneyUnit {
    /// Every unit, none printed as the start of another.
    pub const ALL: [MoneyUnit; 3] = [MoneyUnit::Wanyuan, MoneyUnit::Qianyuan, MoneyUnit::Yuan];

    /// The printed form, as written to `documents.money_unit`.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Wanyuan => "万元",
            MoneyUnit::Qianyuan => "千元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// The unit a compact text ends in, in brackets (`支出金额(万元)`), and
    /// the text before it.
    pub fn bracketed_at_end(text: &str) -> Option<(&str, MoneyUnit)> {
        MoneyUnit::ALL
            .into_iter()
            .find_map(|u| text.strip_suffix(&format!("({})", u.as_str())).map(|before| (before, u)))
    }

    /// Power of ten that turns a printed amount into 万元 (元 → 万元 is 10^-4).
    pub fn scale_exp(self) -> i32 {
        match self {
            MoneyUnit::Wanyuan => 0,
            MoneyUnit::Qianyuan => -1,
            MoneyUnit::Yuan => -4,
        }
    }
}

/// Which classification a code belongs to (`code_system` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeSystem {
    /// 支出功能分类
    Function,
    /// 支出经济分类
    Economic,
    /// 单位编码
    Unit,
}

impl CodeSystem {
    /// The value written to the `code_system` column.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeSystem::Function => "function",
            CodeSystem::Economic => "economic",
            CodeSystem::Unit => "unit",
        }
    }
}

/// A number as printed, kept as an integer of its last printed digit so that
/// validation never does float arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The printed digits without separators or point: 3,538.81 → 353881.
    pub units: i64,
    /// Digits after the point: 3,538.81 → 2.
    pub decimals: u8,
}

impl Amount {
    /// The value as a float, for the `amount` column.
    pub fn value(self) -> f64 {
        self.units as f64 / 10f64.powi(self.decimals as i32)
    }
}

/// Outcome of one document, the `status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every table found was read.
    Ok,
    /// Some tables or cells could not be read.
    Partial,
    /// Nothing usable came out of the file.
    Failed,
}

impl Status {
    /// The value written to the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Failed => "failed",
        }
    }
}

/// One input file and what happened to it: one `documents` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// First 16 hex digits of the SHA-256 of the file's bytes.
    pub doc_id: String,
    /// Path relative to the input folder, `/`-separated.
    pub source: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Encoding detected by `read`, e.g. `utf-8`, `gb18030`.
    pub encoding: Option<String>,
    /// Reporting unit, where detected.
    pub unit: Option<String>,
    /// Fiscal year, where detected.
    pub year: Option<i16>,
    /// Report kind, where detected.
    pub report: Option<ReportKind>,
    /// Money unit printed above most tables.
    pub money_unit: Option<MoneyUnit>,
    /// Table ids found, in order.
    pub tables: Vec<String>,
    /// Rows written to facts.
    pub facts: u32,
    /// ok / partial / failed.
    pub status: Status,
    /// Why partial or failed, in one sentence.
    pub error: Option<String>,
    /// Validation checks that passed.
    pub checks_passed: u32,
    /// Validation checks that failed.
    pub checks_failed: u32,
    /// Validation checks that could not run.
    pub checks_skipped: u32,
}

/// One numeric cell of one table: one `facts` row (unit, year and source
/// come from the owning [`Document`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Canonical table id, or `other`.
    pub table: String,
    /// Canonical title, or the printed title for `other`.
    pub table_title: String,
    /// Full classification code, digits only.
    pub code: Option<String>,
    /// Canonical column path, parts joined by `/`.
    pub column: String,
    /// The number as read, before money-unit conversion.
    pub printed: Amount,
    /// Power of ten applied to `printed` to get 万元.
    pub scale_exp: i32,
    /// The number exactly as printed.
    pub amount_text: String,
    /// Block of a side-by-side table.
    pub section: Option<String>,
    /// Normalized row label.
    pub item: String,
    /// Second code printed on the row.
    pub alt_code: Option<String>,
    /// System of `code`.
    pub code_system: Option<CodeSystem>,
    /// 1 = 类, 2 = 款, 3 = 项.
    pub code_level: Option<i8>,
    /// 1-based source line.
    pub line: u32,
    /// The unit a later printing of the table names in its preamble, when
    /// not the one its first printing names (a 单位's table in its 部门's
    /// report); `None`: the report's unit.
    pub unit: Option<String>,
}

impl Fact {
    /// The amount in the output unit (万元 for money). One division by an
    /// exact power of ten, so 12,345.00 元 is exactly the double nearest 1.2345.
    pub fn amount(&self) -> f64 {
        self.printed.units as f64 / 10f64.powi(self.printed.decimals as i32 - self.scale_exp)
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For the record.
    Info,
    /// Suspicious.
    Warning,
    /// A number is wrong or missing.
    Error,
}

impl Severity {
    /// The value written to the `severity` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One validation or parsing finding: one `findings` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// 1-based source line, where there is one.
    pub line: Option<u32>,
    /// How bad it is.
    pub severity: Severity,
    /// Stable check id, e.g. `row_sum`.
    pub check: String,
    /// Table id it is about.
    pub table: Option<String>,
    /// Code it is about.
    pub code: Option<String>,
    /// Column it is about.
    pub column: Option<String>,
    /// Expected value, for arithmetic checks.
    pub expected: Option<f64>,
    /// Actual value, for arithmetic checks.
    pub actual: Option<f64>,
    /// One sentence a person can act on.
    pub message: String,
}

impl Finding {
    /// A finding with only the required parts; the rest is filled by the caller.
    pub fn new(severity: Severity, check: &str, message: impl Into<String>) -> Self {
        Finding {
            line: None,
            severity,
            check: check.to_string(),
            table: None,
            code: None,
            column: None,
            expected: None,
            actual: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        write!(f, "{}{} [{}] {}", line, self.severity.as_str(), self.check, self.message)
    }
}

/// One performance indicator row (绩效指标): one `indicators` row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Indicator {
    /// 1-based source line.
    pub line: u32,
    /// Table id, e.g. `budget.project_targets`.
    pub table: String,
    /// 项目名称, null for whole-unit indicators.
    pub project: Option<String>,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标值 / 年初目标值 as printed.
    pub target: String,
    /// Numeric part of `target`.
    pub target_value: Option<f64>,
    /// ≥ ≤ = < > 定性.
    pub operator: Option<String>,
    /// 度量单位.
    pub measure_unit: Option<String>,
    /// 实际完成值 as printed.
    pub actual: Option<String>,
    /// Numeric part of `actual`.
    pub actual_value: Option<f64>,
    /// 分值.
    pub weight: Option<f64>,
    /// 得分.
    pub score: Option<f64>,
}

/// Everything one document produced, handed from the pipeline to `write`.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The `documents` row.
    pub document: Document,
    /// The `facts` rows, in table then row order.
    pub facts: Vec<Fact>,
    /// The `findings` rows.
    pub findings: Vec<Finding>,
    /// The `indicators` rows.
    pub indicators: Vec<Indicator>,
}
