#!/usr/bin/env python3
"""A report's PDF as the text budgetlake reads: each ruled table row on one
line with its cells separated by TABs, text outside tables as plain lines in
reading order, a blank line between pages. Needs pdfplumber
(`pip install pdfplumber`).

    python3 scripts/pdf2tsv.py REPORT.pdf > REPORT.txt
    python3 scripts/pdf2tsv.py a.pdf b.pdf --out-dir texts/
    python3 scripts/pdf2tsv.py reports/ --out-dir texts/

A folder is searched for *.pdf below it, and each text keeps the PDF's
path below that folder (reports/2023/a.pdf gives texts/2023/a.txt).

With --out-dir, PDFs are read in parallel (--jobs, one per core by
default), and a PDF whose text is newer than it is left alone (--force
rewrites it), so a nightly run converts only what was published since.

`pdftotext -layout` aligns cells with runs of spaces and drops empty ones,
so its tables cannot be read back into columns; ruled tables keep them.
"""

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber


def cell(text):
    """A cell on one line: a name wrapped inside its cell is one name."""
    return " ".join((text or "").split())


def page_lines(page, tables):
    """The page's lines, top to bottom: each table whole, at its top, and the
    text around it. Text beside a table (a label printed down the page) comes
    after the table, not between its rows."""
    items = []
    for table in tables:
        rows = [[cell(c) for c in cells] for cells in table.extract()]
        # A row of merged cells' leftovers only: nothing printed on it.
        items.append((table.bbox[1], ["\t".join(cells) for cells in rows if any(cells)]))
    boxes = [table.bbox for table in tables]

    def outside_tables(obj):
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    for line in page.filter(outside_tables).extract_text_lines():
        items.append((line["top"], [line["text"].strip()]))
    items.sort(key=lambda item: item[0])
    return [line for _, lines in items for line in lines]


def convert(pdf_path):
    """The text, and how many ruled tables it holds."""
    pages, tables = [], 0
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            found = page.find_tables()
            tables += len(found)
            pages.append("\n".join(page_lines(page, found)))
    return "\n\n".join(pages) + "\n", tables


def extract(path):
    """(path, text, tables, error) of one PDF: an unreadable PDF (encrypted,
    cut off) is an error of its own, not the end of the batch."""
    try:
        text, tables = convert(path)
        return path, text, tables, None
    except Exception as error:  # pdfminer raises many kinds
        return path, None, 0, error


def up_to_date(pdf, txt):
    return txt.exists() and txt.stat().st_mtime >= pdf.stat().st_mtime


def write(txt, text):
    """Written whole or not at all: a text cut short by a killed run would
    be newer than its PDF, and taken as up to date by the next run. The
    part is hidden, so a run of budgetlake does not count one a killed
    conversion left among the files it left out."""
    part = txt.with_name("." + txt.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, txt)


def pdfs_and_texts(args, parser):
    """Each PDF and the text it gives under --out-dir (None without one)."""
    pairs = []
    for arg in args.inputs:
        if arg.is_dir():
            found = sorted(p for p in arg.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            pairs += [(p, p.relative_to(arg).with_suffix(".txt")) for p in found]
        else:
            pairs.append((arg, Path(arg.stem + ".txt")))
    if args.out_dir is None:
        if len(pairs) != 1:
            parser.error(f"{len(pairs)} PDFs need --out-dir; only one goes to standard output")
        return [(pairs[0][0], None)]
    texts = [args.out_dir / text for _, text in pairs]
    if len(set(texts)) < len(texts):
        parser.error("two PDFs would write the same text: give their folder instead of the files")
    return [(pdf, text) for (pdf, _), text in zip(pairs, texts)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, metavar="PDF_OR_FOLDER")
    parser.add_argument("--out-dir", type=Path, help="write NAME.txt here for each NAME.pdf")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="PDFs read at once")
    parser.add_argument("--force", action="store_true", help="rewrite texts newer than their PDF too")
    args = parser.parse_args()
    pairs = pdfs_and_texts(args, parser)
    target = dict(pairs)
    # A nightly run converts only the PDFs published since the last.
    todo = [pdf for pdf, txt in pairs if args.force or txt is None or not (pdf.exists() and up_to_date(pdf, txt))]
    written = failed = 0
    with ProcessPoolExecutor(max(1, min(args.jobs, len(todo)))) as pool:
        for path, text, tables, error in pool.map(extract, todo):
            if error is not None:
                print(f"pdf2tsv: {path}: {error}", file=sys.stderr)
                failed += 1
                continue
            if tables == 0:
                # Written all the same: budgetlake reads its prose (the
                # year, the unit) and says the text has no table row.
                print(f"pdf2tsv: {path}: no ruled table found (a scan, or tables drawn without lines)", file=sys.stderr)
            if target[path] is None:
                sys.stdout.write(text)
            else:
                target[path].parent.mkdir(parents=True, exist_ok=True)
                write(target[path], text)
            written += 1
    if args.out_dir:
        kept = len(pairs) - len(todo)
        print(f"pdf2tsv: {written} written, {kept} up to date, {failed} failed", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
