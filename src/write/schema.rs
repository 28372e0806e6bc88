//! Arrow schemas of the four datasets and the column builders that fill
//! them. Builders live as long as a dataset file and are drained into a
//! record batch every [`BATCH_ROWS`] rows, so no document allocates its own.

use crate::model::{Document, Fact, Finding, Indicator};
use arrow_array::builder::{
    ArrayBuilder, Float64Builder, Int16Builder, Int8Builder, ListBuilder, StringBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// Rows buffered before a record batch is written.
pub const BATCH_ROWS: usize = 8192;

/// Rows of one dataset, buffered column by column.
pub trait Columns: Default {
    /// The row type appended with the document it belongs to.
    type Row;
    /// The dataset's schema.
    fn schema() -> SchemaRef;
    /// Appends one row.
    fn push(&mut self, doc: &Document, row: &Self::Row);
    /// Rows buffered.
    fn len(&self) -> usize;
    /// Drains the buffer into a batch.
    fn batch(&mut self) -> Result<RecordBatch, ArrowError>;
}

fn field(name: &str, t: DataType, nullable: bool) -> Field {
    Field::new(name, t, nullable)
}

fn text(name: &str, nullable: bool) -> Field {
    field(name, DataType::Utf8, nullable)
}

fn done(b: &mut StringBuilder) -> ArrayRef {
    Arc::new(b.finish())
}

/// Columns of `facts` (no `year`: it lives in the partition path).
#[derive(Default)]
pub struct FactColumns {
    unit: StringBuilder,
    table: StringBuilder,
    code: StringBuilder,
    column: StringBuilder,
    amount: Float64Builder,
    amount_text: StringBuilder,
    report: StringBuilder,
    table_title: StringBuilder,
    section: StringBuilder,
    item: StringBuilder,
    alt_code: StringBuilder,
    code_system: StringBuilder,
    code_level: Int8Builder,
    doc_id: StringBuilder,
    source: StringBuilder,
    line: UInt32Builder,
}

impl Columns for FactColumns {
    type Row = Fact;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            text("unit", true),
            text("table", false),
            text("code", true),
            text("column", false),
            field("amount", DataType::Float64, false),
            text("amount_text", false),
            text("report", true),
            text("table_title", false),
            text("section", true),
            text("item", false),
            text("alt_code", true),
            text("code_system", true),
            field("code_level", DataType::Int8, true),
            text("doc_id", false),
            text("source", false),
            field("line", DataType::UInt32, false),
        ]))
    }

    fn push(&mut self, d: &Document, f: &Fact) {
        self.unit.append_option(d.unit.as_deref());
        self.table.append_value(&f.table);
        self.code.append_option(f.code.as_deref());
        self.column.append_value(&f.column);
        self.amount.append_value(f.amount());
        self.amount_text.append_value(&f.amount_text);
        self.report.append_option(d.report.map(|r| r.as_str()));
        self.table_title.append_value(&f.table_title);
        self.section.append_option(f.section.as_deref());
        self.item.append_value(&f.item);
        self.alt_code.append_option(f.alt_code.as_deref());
        self.code_system.append_option(f.code_system.map(|c| c.as_str()));
        self.code_level.append_option(f.code_level);
        self.doc_id.append_value(&d.doc_id);
        self.source.append_value(&d.source);
        self.line.append_value(f.line);
    }

    fn len(&self) -> usize {
        self.line.len()
    }

    fn batch(&mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(
            Self::schema(),
            vec![
                done(&mut self.unit),
                done(&mut self.table),
                done(&mut self.code),
                done(&mut self.column),
                Arc::new(self.amount.finish()),
                done(&mut self.amount_text),
                done(&mut self.report),
                done(&mut self.table_title),
                done(&mut self.section),
                done(&mut self.item),
                done(&mut self.alt_code),
                done(&mut self.code_system),
                Arc::new(self.code_level.finish()),
                done(&mut self.doc_id),
                done(&mut self.source),
                Arc::new(self.line.finish()),
            ],
        )
    }
}

/// Columns of `documents`.
#[derive(Default)]
pub struct DocumentColumns {
    doc_id: StringBuilder,
    source: StringBuilder,
    bytes: UInt64Builder,
    encoding: StringBuilder,
    unit: StringBuilder,
    year: Int16Builder,
    report: StringBuilder,
    money_unit: StringBuilder,
    tables: ListBuilder<StringBuilder>,
    facts: UInt32Builder,
    status: StringBuilder,
    error: StringBuilder,
    passed: UInt32Builder,
    failed: UInt32Builder,
    skipped: UInt32Builder,
}

impl Columns for DocumentColumns {
    type Row = ();

    fn schema() -> SchemaRef {
        let item = Arc::new(Field::new("item", DataType::Utf8, true));
        Arc::new(Schema::new(vec![
            text("doc_id", false),
            text("source", false),
            field("bytes", DataType::UInt64, false),
            text("encoding", true),
            text("unit", true),
            field("year", DataType::Int16, true),
            text("report", true),
            text("money_unit", true),
            field("tables", DataType::List(item), false),
            field("facts", DataType::UInt32, false),
            text("status", false),
            text("error", true),
            field("checks_passed", DataType::UInt32, false),
            field("checks_failed", DataType::UInt32, false),
            field("checks_skipped", DataType::UInt32, false),
        ]))
    }

    fn push(&mut self, d: &Document, _: &()) {
        self.doc_id.append_value(&d.doc_id);
        self.source.append_value(&d.source);
        self.bytes.append_value(d.bytes);
        self.encoding.append_option(d.encoding.as_deref());
        self.unit.append_option(d.unit.as_deref());
        self.year.append_option(d.year);
        self.report.append_option(d.report.map(|r| r.as_str()));
        self.money_unit.append_option(d.money_unit.map(|m| m.as_str()));
        for t in &d.tables {
            self.tables.values().append_value(t);
        }
        self.tables.append(true);
        self.facts.append_value(d.facts);
        self.status.append_value(d.status.as_str());
        self.error.append_option(d.error.as_deref());
        self.passed.append_value(d.checks_passed);
        self.failed.append_value(d.checks_failed);
        self.skipped.append_value(d.checks_skipped);
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn batch(&mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(
            Self::schema(),
            vec![
                done(&mut self.doc_id),
                done(&mut self.source),
                Arc::new(self.bytes.finish()),
                done(&mut self.encoding),
                done(&mut self.unit),
                Arc::new(self.year.finish()),
                done(&mut self.report),
                done(&mut self.money_unit),
                Arc::new(self.tables.finish()),
                Arc::new(self.facts.finish()),
                done(&mut self.status),
                done(&mut self.error),
                Arc::new(self.passed.finish()),
                Arc::new(self.failed.finish()),
                Arc::new(self.skipped.finish()),
            ],
        )
    }
}

/// Columns of `findings`.
#[derive(Default)]
pub struct FindingColumns {
    doc_id: StringBuilder,
    source: StringBuilder,
    line: UInt32Builder,
    severity: StringBuilder,
    check: StringBuilder,
    table: StringBuilder,
    code: StringBuilder,
    column: StringBuilder,
    expected: Float64Builder,
    actual: Float64Builder,
    message: StringBuilder,
}

impl Columns for FindingColumns {
    type Row = Finding;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            text("doc_id", false),
            text("source", false),
            field("line", DataType::UInt32, true),
            text("severity", false),
            text("check", false),
            text("table", true),
            text("code", true),
            text("column", true),
            field("expected", DataType::Float64, true),
            field("actual", DataType::Float64, true),
            text("message", false),
        ]))
    }

    fn push(&mut self, d: &Document, f: &Finding) {
        self.doc_id.append_value(&d.doc_id);
        self.source.append_value(&d.source);
        self.line.append_option(f.line);
        self.severity.append_value(f.severity.as_str());
        self.check.append_value(&f.check);
        self.table.append_option(f.table.as_deref());
        self.code.append_option(f.code.as_deref());
        self.column.append_option(f.column.as_deref());
        self.expected.append_option(f.expected);
        self.actual.append_option(f.actual);
        self.message.append_value(&f.message);
    }

    fn len(&self) -> usize {
        self.line.len()
    }

    fn batch(&mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(
            Self::schema(),
            vec![
                done(&mut self.doc_id),
                done(&mut self.source),
                Arc::new(self.line.finish()),
                done(&mut self.severity),
                done(&mut self.check),
                done(&mut self.table),
                done(&mut self.code),
                done(&mut self.column),
                Arc::new(self.expected.finish()),
                Arc::new(self.actual.finish()),
                done(&mut self.message),
            ],
        )
    }
}

/// Columns of `indicators`.
#[derive(Default)]
pub struct IndicatorColumns {
    doc_id: StringBuilder,
    source: StringBuilder,
    line: UInt32Builder,
    unit: StringBuilder,
    year: Int16Builder,
    report: StringBuilder,
    table: StringBuilder,
    project: StringBuilder,
    level1: StringBuilder,
    level2: StringBuilder,
    level3: StringBuilder,
    target: StringBuilder,
    target_value: Float64Builder,
    operator: StringBuilder,
    measure_unit: StringBuilder,
    actual: StringBuilder,
    actual_value: Float64Builder,
    weight: Float64Builder,
    score: Float64Builder,
}

impl Columns for IndicatorColumns {
    type Row = Indicator;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            text("doc_id", false),
            text("source", false),
            field("line", DataType::UInt32, false),
            text("unit", true),
            field("year", DataType::Int16, true),
            text("report", true),
            text("table", false),
            text("project", true),
            text("level1", false),
            text("level2", false),
            text("level3", false),
            text("target", false),
            field("target_value", DataType::Float64, true),
            text("operator", true),
            text("measure_unit", true),
            text("actual", true),
            field("actual_value", DataType::Float64, true),
            field("weight", DataType::Float64, true),
            field("score", DataType::Float64, true),
        ]))
    }

    fn push(&mut self, d: &Document, i: &Indicator) {
        self.doc_id.append_value(&d.doc_id);
        self.source.append_value(&d.source);
        self.line.append_value(i.line);
        self.unit.append_option(d.unit.as_deref());
        self.year.append_option(d.year);
        self.report.append_option(d.report.map(|r| r.as_str()));
        self.table.append_value(&i.table);
        self.project.append_option(i.project.as_deref());
        self.level1.append_value(&i.level1);
        self.level2.append_value(&i.level2);
        self.level3.append_value(&i.level3);
        self.target.append_value(&i.target);
        self.target_value.append_option(i.target_value);
        self.operator.append_option(i.operator.as_deref());
        self.measure_unit.append_option(i.measure_unit.as_deref());
        self.actual.append_option(i.actual.as_deref());
        self.actual_value.append_option(i.actual_value);
        self.weight.append_option(i.weight);
        self.score.append_option(i.score);
    }

    fn len(&self) -> usize {
        self.line.len()
    }

    fn batch(&mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(
            Self::schema(),
            vec![
                done(&mut self.doc_id),
                done(&mut self.source),
                Arc::new(self.line.finish()),
                done(&mut self.unit),
                Arc::new(self.year.finish()),
                done(&mut self.report),
                done(&mut self.table),
                done(&mut self.project),
                done(&mut self.level1),
                done(&mut self.level2),
                done(&mut self.level3),
                done(&mut self.target),
                Arc::new(self.target_value.finish()),
                done(&mut self.operator),
                done(&mut self.measure_unit),
                done(&mut self.actual),
                Arc::new(self.actual_value.finish()),
                Arc::new(self.weight.finish()),
                Arc::new(self.score.finish()),
            ],
        )
    }
}
