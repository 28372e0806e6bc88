//! The four datasets' columns, declared once each as a list of (name, type,
//! nullability, accessor). The same declaration gives the Arrow schema and
//! fills the builders, so a schema and its writer cannot drift apart.
//! Builders live as long as a file and are drained every [`BATCH_ROWS`] rows.

use crate::model::{Document, Fact, Finding, Indicator};
use arrow_array::builder::{
    ArrayBuilder, Float64Builder, Int16Builder, Int8Builder, ListBuilder, StringBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// Rows buffered before a record batch is written. Every open file (one
/// per year) holds this many rows in its builders, so it bounds the
/// writer's memory; the Parquet writer pages by its own limits, so the
/// bytes written do not depend on it.
pub const BATCH_ROWS: usize = 1024;

/// One cell on its way into a builder.
pub enum Value<'a> {
    /// Utf8.
    Str(Option<&'a str>),
    /// Float64.
    F64(Option<f64>),
    /// Int16.
    I16(Option<i16>),
    /// Int8.
    I8(Option<i8>),
    /// UInt32.
    U32(Option<u32>),
    /// UInt64.
    U64(Option<u64>),
    /// List<Utf8>.
    List(&'a [String]),
}

/// One column of a dataset whose rows are `R` (with their document).
pub struct Col<R> {
    name: &'static str,
    ty: Ty,
    nullable: bool,
    get: for<'a> fn(&'a Document, &'a R) -> Value<'a>,
}

/// The Arrow types the datasets use.
#[derive(Clone, Copy)]
pub enum Ty {
    /// Utf8.
    Utf8,
    /// Float64.
    F64,
    /// Int16.
    I16,
    /// Int8.
    I8,
    /// UInt32.
    U32,
    /// UInt64.
    U64,
    /// List<Utf8>.
    ListUtf8,
}

const fn col<R>(
    name: &'static str,
    ty: Ty,
    nullable: bool,
    get: for<'a> fn(&'a Document, &'a R) -> Value<'a>,
) -> Col<R> {
    Col { name, ty, nullable, get }
}

use Value::*;

/// `facts` (no `year`: it lives in the partition path).
pub static FACTS: [Col<Fact>; 16] = [
    col("unit", Ty::Utf8, true, |d, f| Str(f.unit.as_deref().or(d.unit.as_deref()))),
    col("table", Ty::Utf8, false, |_, f| Str(Some(&f.table))),
    col("code", Ty::Utf8, true, |_, f| Str(f.code.as_deref())),
    col("column", Ty::Utf8, false, |_, f| Str(Some(&f.column))),
    col("amount", Ty::F64, false, |_, f| F64(Some(f.amount()))),
    col("amount_text", Ty::Utf8, false, |_, f| Str(Some(&f.amount_text))),
    col("report", Ty::Utf8, true, |d, _| Str(d.report.map(|r| r.as_str()))),
    col("table_title", Ty::Utf8, false, |_, f| Str(Some(&f.table_title))),
    col("section", Ty::Utf8, true, |_, f| Str(f.section.as_deref())),
    col("item", Ty::Utf8, false, |_, f| Str(Some(&f.item))),
    col("alt_code", Ty::Utf8, true, |_, f| Str(f.alt_code.as_deref())),
    col("code_system", Ty::Utf8, true, |_, f| Str(f.code_system.map(|c| c.as_str()))),
    col("code_level", Ty::I8, true, |_, f| I8(f.code_level)),
    col("doc_id", Ty::Utf8, false, |d, _| Str(Some(&d.doc_id))),
    col("source", Ty::Utf8, false, |d, _| Str(Some(&d.source))),
    col("line", Ty::U32, false, |_, f| U32(Some(f.line))),
];

/// `documents`: one row per input.
pub static DOCUMENTS: [Col<()>; 15] = [
    col("doc_id", Ty::Utf8, false, |d, _| Str(Some(&d.doc_id))),
    col("source", Ty::Utf8, false, |d, _| Str(Some(&d.source))),
    col("bytes", Ty::U64, false, |d, _| U64(Some(d.bytes))),
    col("encoding", Ty::Utf8, true, |d, _| Str(d.encoding.as_deref())),
    col("unit", Ty::Utf8, true, |d, _| Str(d.unit.as_deref())),
    col("year", Ty::I16, true, |d, _| I16(d.year)),
    col("report", Ty::Utf8, true, |d, _| Str(d.report.map(|r| r.as_str()))),
    col("money_unit", Ty::Utf8, true, |d, _| Str(d.money_unit.map(|m| m.as_str()))),
    col("tables", Ty::ListUtf8, false, |d, _| List(&d.tables)),
    col("facts", Ty::U32, false, |d, _| U32(Some(d.facts))),
    col("status", Ty::Utf8, false, |d, _| Str(Some(d.status.as_str()))),
    col("error", Ty::Utf8, true, |d, _| Str(d.error.as_deref())),
    col("checks_passed", Ty::U32, false, |d, _| U32(Some(d.checks_passed))),
    col("checks_failed", Ty::U32, false, |d, _| U32(Some(d.checks_failed))),
    col("checks_skipped", Ty::U32, false, |d, _| U32(Some(d.checks_skipped))),
];

/// `findings`.
pub static FINDINGS: [Col<Finding>; 11] = [
    col("doc_id", Ty::Utf8, false, |d, _| Str(Some(&d.doc_id))),
    col("source", Ty::Utf8, false, |d, _| Str(Some(&d.source))),
    col("line", Ty::U32, true, |_, f| U32(f.line)),
    col("severity", Ty::Utf8, false, |_, f| Str(Some(f.severity.as_str()))),
    col("check", Ty::Utf8, false, |_, f| Str(Some(&f.check))),
    col("table", Ty::Utf8, true, |_, f| Str(f.table.as_deref())),
    col("code", Ty::Utf8, true, |_, f| Str(f.code.as_deref())),
    col("column", Ty::Utf8, true, |_, f| Str(f.column.as_deref())),
    col("expected", Ty::F64, true, |_, f| F64(f.expected)),
    col("actual", Ty::F64, true, |_, f| F64(f.actual)),
    col("message", Ty::Utf8, false, |_, f| Str(Some(&f.message))),
];

/// `indicators`.
pub static INDICATORS: [Col<Indicator>; 19] = [
    col("doc_id", Ty::Utf8, false, |d, _| Str(Some(&d.doc_id))),
    col("source", Ty::Utf8, false, |d, _| Str(Some(&d.source))),
    col("line", Ty::U32, false, |_, i| U32(Some(i.line))),
    col("unit", Ty::Utf8, true, |d, _| Str(d.unit.as_deref())),
    col("year", Ty::I16, true, |d, _| I16(d.year)),
    col("report", Ty::Utf8, true, |d, _| Str(d.report.map(|r| r.as_str()))),
    col("table", Ty::Utf8, false, |_, i| Str(Some(&i.table))),
    col("project", Ty::Utf8, true, |_, i| Str(i.project.as_deref())),
    col("level1", Ty::Utf8, false, |_, i| Str(Some(&i.level1))),
    col("level2", Ty::Utf8, false, |_, i| Str(Some(&i.level2))),
    col("level3", Ty::Utf8, false, |_, i| Str(Some(&i.level3))),
    col("target", Ty::Utf8, false, |_, i| Str(Some(&i.target))),
    col("target_value", Ty::F64, true, |_, i| F64(i.target_value)),
    col("operator", Ty::Utf8, true, |_, i| Str(i.operator.as_deref())),
    col("measure_unit", Ty::Utf8, true, |_, i| Str(i.measure_unit.as_deref())),
    col("actual", Ty::Utf8, true, |_, i| Str(i.actual.as_deref())),
    col("actual_value", Ty::F64, true, |_, i| F64(i.actual_value)),
    col("weight", Ty::F64, true, |_, i| F64(i.weight)),
    col("score", Ty::F64, true, |_, i| F64(i.score)),
];

/// The Arrow schema of a column list.
pub fn schema<R>(cols: &[Col<R>]) -> SchemaRef {
    let field = |c: &Col<R>| {
        let ty = match c.ty {
            Ty::Utf8 => DataType::Utf8,
            Ty::F64 => DataType::Float64,
            Ty::I16 => DataType::Int16,
            Ty::I8 => DataType::Int8,
            Ty::U32 => DataType::UInt32,
            Ty::U64 => DataType::UInt64,
            Ty::ListUtf8 => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        };
        Field::new(c.name, ty, c.nullable)
    };
    Arc::new(Schema::new(cols.iter().map(field).collect::<Vec<_>>()))
}

/// A builder of one column.
enum Builder {
    Utf8(StringBuilder),
    F64(Float64Builder),
    I16(Int16Builder),
    I8(Int8Builder),
    U32(UInt32Builder),
    U64(UInt64Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(ty: Ty) -> Self {
        match ty {
            Ty::Utf8 => Builder::Utf8(StringBuilder::new()),
            Ty::F64 => Builder::F64(Float64Builder::new()),
            Ty::I16 => Builder::I16(Int16Builder::new()),
            Ty::I8 => Builder::I8(Int8Builder::new()),
            Ty::U32 => Builder::U32(UInt32Builder::new()),
            Ty::U64 => Builder::U64(UInt64Builder::new()),
            Ty::ListUtf8 => Builder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    /// Appends a value; a value of another type than the column's is a bug
    /// in the declarations above and appends a null rather than panicking.
    fn push(&mut self, v: Value) {
        match (self, v) {
            (Builder::Utf8(b), Str(x)) => b.append_option(x),
            (Builder::F64(b), F64(x)) => b.append_option(x),
            (Builder::I16(b), I16(x)) => b.append_option(x),
            (Builder::I8(b), I8(x)) => b.append_option(x),
            (Builder::U32(b), U32(x)) => b.append_option(x),
            (Builder::U64(b), U64(x)) => b.append_option(x),
            (Builder::List(b), List(xs)) => {
                for x in xs {
                    b.values().append_value(x);
                }
                b.append(true);
            }
            (b, _) => b.push_null(),
        }
    }

    fn push_null(&mut self) {
        match self {
            Builder::Utf8(b) => b.append_null(),
            Builder::F64(b) => b.append_null(),
            Builder::I16(b) => b.append_null(),
            Builder::I8(b) => b.append_null(),
            Builder::U32(b) => b.append_null(),
            Builder::U64(b) => b.append_null(),
            Builder::List(b) => b.append(false),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Utf8(b) => Arc::new(b.finish()),
            Builder::F64(b) => Arc::new(b.finish()),
            Builder::I16(b) => Arc::new(b.finish()),
            Builder::I8(b) => Arc::new(b.finish()),
            Builder::U32(b) => Arc::new(b.finish()),
            Builder::U64(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Utf8(b) => b.len(),
            Builder::F64(b) => b.len(),
            Builder::I16(b) => b.len(),
            Builder::I8(b) => b.len(),
            Builder::U32(b) => b.len(),
            Builder::U64(b) => b.len(),
            Builder::List(b) => b.len(),
        }
    }
}

/// Rows of one dataset, buffered column by column.
pub struct Columns<R: 'static> {
    cols: &'static [Col<R>],
    schema: SchemaRef,
    builders: Vec<Builder>,
}

impl<R> Columns<R> {
    /// Empty buffers for a column list.
    pub fn new(cols: &'static [Col<R>]) -> Self {
        Columns { cols, schema: schema(cols), builders: cols.iter().map(|c| Builder::new(c.ty)).collect() }
    }

    /// The dataset's schema.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Appends one row.
    pub fn push(&mut self, doc: &Document, row: &R) {
        for (b, c) in self.builders.iter_mut().zip(self.cols) {
            b.push((c.get)(doc, row));
        }
    }

    /// Rows buffered.
    pub fn len(&self) -> usize {
        self.builders.first().map_or(0, Builder::len)
    }

    /// Drains the buffer into a batch.
    pub fn batch(&mut self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(self.schema.clone(), self.builders.iter_mut().map(Builder::finish).collect())
    }
}
