#!/usr/bin/env python3
"""A report's PDF as the text budgetlake reads: each ruled table row on one
line with its cells separated by TABs, text outside tables as plain lines in
reading order, a blank line between pages. Needs pdfplumber
(`pip install pdfplumber`).

    python3 scripts/pdf2tsv.py REPORT.pdf > REPORT.txt
    python3 scripts/pdf2tsv.py a.pdf b.pdf --out-dir texts/

`pdftotext -layout` aligns cells with runs of spaces and drops empty ones,
so its tables cannot be read back into columns; ruled tables keep them.
"""

import argparse
import sys
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--out-dir", type=Path, help="write NAME.txt here for each NAME.pdf")
    args = parser.parse_args()
    if args.out_dir is None and len(args.pdfs) > 1:
        parser.error("more than one PDF needs --out-dir")
    stems = [path.stem for path in args.pdfs]
    if len(set(stems)) < len(stems):
        parser.error("two PDFs have the same name, and would write the same NAME.txt")
    failed = 0
    for path in args.pdfs:
        # One unreadable PDF (encrypted, cut off) does not stop the others.
        try:
            text, tables = convert(path)
        except Exception as error:  # pdfminer raises many kinds
            print(f"pdf2tsv: {path}: {error}", file=sys.stderr)
            failed += 1
            continue
        if tables == 0:
            # Written all the same: budgetlake reads its prose (the year,
            # the unit) and says the text has no table row.
            print(f"pdf2tsv: {path}: no ruled table found (a scan, or tables drawn without lines)", file=sys.stderr)
        if args.out_dir is None:
            sys.stdout.write(text)
        else:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            (args.out_dir / (path.stem + ".txt")).write_text(text, encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
