"""Loaders on formats the sample knowledge base does not use: PDF pages, plain text, XLSX records."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ingest.loaders.markdown import parse_markdown
from ingest.loaders.pdf import parse_pdf
from ingest.loaders.records import load_records
from ingest.loaders.text import parse_text


def minimal_pdf(pages: list[str]) -> bytes:
    """A small valid PDF with one line of text per page (Helvetica), built by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        content_id = len(objects) + 1
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        page_id = len(objects) + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
        kids.append(f"{page_id} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_pages_become_page_locators(tmp_path: Path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(minimal_pdf(["Installments are due every three months.", "Deferrals need committee approval."]))
    _, sections = parse_pdf(path)
    assert [s.locator for s in sections] == ["p. 1", "p. 2"]
    assert "three months" in sections[0].text and "committee" in sections[1].text


def test_text_paragraphs_and_markdown_heading_paths():
    assert [s.locator for s in parse_text("First.\n\nSecond.\n\n\nThird.")] == ["¶1", "¶2", "¶3"]
    title, sections = parse_markdown("# Rules\n\n## §7 Repayment\n\nIntro.\n\n### §7.2 Installments\n\nEight.\n"
                                     "```\n## not a heading\n```\n", "x")
    assert title == "Rules"
    assert [(s.locator, s.heading) for s in sections] == [("§7", "Rules > §7 Repayment"),
                                                          ("§7.2", "Rules > §7 Repayment > §7.2 Installments")]
    assert "## not a heading" in sections[1].text


def test_xlsx_records_validate_row_by_row(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["entry_id", "partner_id", "paid_on", "amount_krw", "memo"])
    sheet.append(["L1", "P-T1-001", "2026-01-05", 1000000, "installment 1"])
    sheet.append(["L2", "P-T1-001", "2026-04-05", -5, ""])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    loaded = load_records(path, "knowledge/partners/ledger.xlsx")
    assert len(loaded.rows) == 1 and loaded.rows[0].amount_krw == 1_000_000
    assert loaded.errors == ["knowledge/partners/ledger.xlsx row 3, field amount_krw: Value error, "
                             "must be a positive amount, got -5 (got '-5')"]
